package org.mgd.worker.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mgd.common.data.Dataset;
import org.mgd.common.data.Splits;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.ModelSpec;
import org.mgd.common.spec.ModelSpec.Activation;
import org.mgd.worker.model.NetworkFactory;
import org.mgd.worker.testing.Specs;
import org.mgd.worker.train.MinibatchLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The oracle against the project's real DL4J networks on the real digits data (first order, to
 * roundoff), and its exact second-order outputs against central differences of its own first-order
 * ones (a sanity check on the forward-mode pass: the differences are the inexact side).
 */
class ExactMlpTest {
    private static final Dataset TRAIN = Splits.load(
            Specs.example("digits-mlp.yaml").data()).train();
    /** DL4J and the oracle sum in different orders: a few hundred ulp of the largest entry at most. */
    private static final double ROUNDOFF = 1e-12;
    /** Central differences with h = 1e-6: truncation ~h², cancellation ~1e-16/h. */
    private static final double CENTRAL = 1e-7;

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (Activation a : Activation.values()) {
            for (double scale : new double[] {1.0, 0.3}) {
                cases.add(Arguments.of(a, scale, "[16]"));
                cases.add(Arguments.of(a, scale, "[16,8]"));
            }
        }
        return cases.stream();
    }

    static Stream<Activation> smoothActivations() {
        return Stream.of(Activation.TANH, Activation.SOFTPLUS, Activation.GELU, Activation.SIGMOID);
    }

    /** A real network at a generic point (the init has zero biases), and a weighted batch of 16. */
    private static final class Setup {
        final ModelSpec model;
        final MultiLayerNetwork net;
        final int[] sizes;
        final double[] theta;
        final int[] batch = new int[16];
        final double[] allWeights = new double[TRAIN.size()];
        final double[] x;
        final int[] labels = new int[16];
        final double[] w = new double[16];

        Setup(Activation a, double scale, String hidden, long seed) {
            JobSpec spec = Specs.example("digits-mlp.yaml", "model.hidden=" + hidden,
                    "model.activation=" + a.key(), "model.output_scale=" + scale);
            model = spec.model();
            net = NetworkFactory.build(model, TRAIN.featureCount(), TRAIN.classes());
            sizes = new int[model.hidden().size() + 2];
            sizes[0] = TRAIN.featureCount();
            for (int l = 0; l < model.hidden().size(); l++) {
                sizes[l + 1] = model.hidden().get(l);
            }
            sizes[sizes.length - 1] = TRAIN.classes();
            SplittableRandom r = new SplittableRandom(seed);
            theta = net.params().toDoubleVector();
            for (int k = 0; k < theta.length; k++) {
                theta[k] += 0.2 * gaussian(r);
            }
            for (int i = 0; i < allWeights.length; i++) {
                allWeights[i] = 2 * r.nextDouble();
            }
            int d = TRAIN.featureCount();
            x = new double[batch.length * d];
            for (int k = 0; k < batch.length; k++) {
                batch[k] = r.nextInt(TRAIN.size());
                System.arraycopy(TRAIN.features(), batch[k] * d, x, k * d, d);
                labels[k] = TRAIN.label(batch[k]);
                w[k] = allWeights[batch[k]];
            }
        }

        double[] direction(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            double[] u = new double[theta.length];
            for (int k = 0; k < u.length; k++) {
                u[k] = gaussian(r);
            }
            return u;
        }
    }

    /** Every activation, GELU included: the project's GELU layer is the exact x Φ(x). */
    @ParameterizedTest(name = "{0} scale={1} hidden={2}")
    @MethodSource("networks")
    void lossAndGradientAgreeWithDl4j(Activation a, double scale, String hidden) {
        Setup s = new Setup(a, scale, hidden, 11);
        double[] dl4jGrad = new double[s.theta.length];
        double dl4jLoss = new MinibatchLoss(s.net, TRAIN, s.allWeights).gradient(s.theta, s.batch, dl4jGrad);

        ExactMlp exact = new ExactMlp(s.sizes, a, scale);
        double lossGap = Math.abs(exact.loss(s.theta, s.x, s.labels, s.w) - dl4jLoss) / Math.abs(dl4jLoss);
        double gradGap = relativeGap(exact.gradient(s.theta, s.x, s.labels, s.w), dl4jGrad);
        System.out.printf("agreement %s scale=%s hidden=%s: loss %.1e grad %.1e%n", a, scale, hidden, lossGap, gradGap);

        assertTrue(lossGap <= ROUNDOFF, "loss gap " + lossGap);
        assertTrue(gradGap <= ROUNDOFF, "gradient gap " + gradGap);
    }

    @ParameterizedTest(name = "{0} scale={1} hidden={2}")
    @MethodSource("networks")
    void inputGradientAgreesWithDl4j(Activation a, double scale, String hidden) {
        Setup s = new Setup(a, scale, hidden, 12);
        new MinibatchLoss(s.net, TRAIN, s.allWeights).load(s.theta);
        int classes = TRAIN.classes();
        double[] y = new double[s.batch.length * classes];
        for (int k = 0; k < s.batch.length; k++) {
            y[k * classes + s.labels[k]] = s.w[k];     // as MinibatchLoss.labels: w_i at the label
        }
        INDArray features = Nd4j.create(s.x, new long[] {s.batch.length, TRAIN.featureCount()}, 'c');
        INDArray labels = Nd4j.create(y, new long[] {s.batch.length, classes}, 'c');
        double[] dl4j = s.net.calculateGradients(features, labels, null, null).getSecond().dup('c').data().asDouble();
        // DL4J's input gradient is that of the SUMMED loss Σ_i w_i CE_i, like its parameter
        // gradient: the oracle's (of the mean) times n.
        double[] ours = new ExactMlp(s.sizes, a, scale).inputGradient(s.theta, s.x, s.labels, s.w);
        for (int k = 0; k < ours.length; k++) {
            ours[k] *= s.batch.length;
        }
        double gap = relativeGap(ours, dl4j);
        System.out.printf("input gradient %s scale=%s hidden=%s: %.1e%n", a, scale, hidden, gap);
        assertTrue(gap <= ROUNDOFF, "input gradient gap " + gap);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smoothActivations")
    void secondOrderAgreesWithCentralDifferences(Activation a) {
        Setup s = new Setup(a, 0.3, "[16,8]", 13);
        ExactMlp mlp = new ExactMlp(s.sizes, a, 0.3);
        double[] u = s.direction(14);
        double h = 1e-6;
        double[] plus = axpy(s.theta, h, u);
        double[] minus = axpy(s.theta, -h, u);

        double hvpGap = relativeGap(mlp.hvp(s.theta, s.x, s.labels, s.w, u), central(
                mlp.gradient(plus, s.x, s.labels, s.w), mlp.gradient(minus, s.x, s.labels, s.w), h));
        double inputGap = relativeGap(mlp.inputHvp(s.theta, s.x, s.labels, s.w, u), central(
                mlp.inputGradient(plus, s.x, s.labels, s.w), mlp.inputGradient(minus, s.x, s.labels, s.w), h));
        double[] perExample = new double[s.batch.length];
        int d = s.sizes[0];
        for (int i = 0; i < perExample.length; i++) {
            double[] xi = java.util.Arrays.copyOfRange(s.x, i * d, (i + 1) * d);
            int[] yi = {s.labels[i]};
            perExample[i] = (mlp.loss(plus, xi, yi, null) - mlp.loss(minus, xi, yi, null)) / (2 * h);
        }
        double exampleGap = relativeGap(mlp.exampleLossDirectional(s.theta, s.x, s.labels, u), perExample);
        // First order too: is the gradient the derivative of the loss along u?
        double fdLoss = (mlp.loss(plus, s.x, s.labels, s.w) - mlp.loss(minus, s.x, s.labels, s.w)) / (2 * h);
        double directional = dot(mlp.gradient(s.theta, s.x, s.labels, s.w), u);
        double gradGap = Math.abs(directional - fdLoss) / Math.abs(fdLoss);
        System.out.printf("central %s: hvp %.1e inputHvp %.1e exampleDirectional %.1e <grad,u> vs loss %.1e%n",
                a, hvpGap, inputGap, exampleGap, gradGap);

        assertTrue(hvpGap <= CENTRAL, "hvp gap " + hvpGap);
        assertTrue(inputGap <= CENTRAL, "inputHvp gap " + inputGap);
        assertTrue(exampleGap <= CENTRAL, "exampleLossDirectional gap " + exampleGap);
        assertTrue(gradGap <= CENTRAL, "gradient vs loss " + gradGap);
    }

    /** max |a - b| / max |b|. */
    static double relativeGap(double[] a, double[] b) {
        assertEquals(b.length, a.length);
        double diff = 0;
        double scale = 0;
        for (int k = 0; k < a.length; k++) {
            diff = Math.max(diff, Math.abs(a[k] - b[k]));
            scale = Math.max(scale, Math.abs(b[k]));
        }
        return diff / scale;
    }

    private static double[] central(double[] plus, double[] minus, double h) {
        double[] c = new double[plus.length];
        for (int k = 0; k < c.length; k++) {
            c[k] = (plus[k] - minus[k]) / (2 * h);
        }
        return c;
    }

    private static double[] axpy(double[] x, double a, double[] y) {
        double[] r = x.clone();
        for (int k = 0; k < r.length; k++) {
            r[k] += a * y[k];
        }
        return r;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
