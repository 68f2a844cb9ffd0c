package org.mgd.worker.metagrad;

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
import org.mgd.common.spec.ModelSpec;
import org.mgd.common.spec.ModelSpec.Activation;
import org.mgd.worker.model.NetworkFactory;
import org.mgd.worker.oracle.ExactMlp;
import org.mgd.worker.testing.Specs;
import org.mgd.worker.train.MinibatchLoss;

/**
 * The finite-difference gradient-VJP of the real DL4J networks on the real digits data against
 * the exact float64 dual-number oracle {@link ExactMlp}: H u, each example's loss slope
 * {@code ⟨∇ℓ_i, u⟩} and the input-gradient slope, all to 1e-7 relative (max abs difference over
 * max abs of the exact value) with the default step, for every smooth activation, output scale
 * and depth, and for a direction of ordinary and of tiny norm (the step is scaled by ‖u‖, so the
 * two must agree equally well). ReLU networks use the piecewise-linear mode.
 */
class GradientVjpTest {
    private static final Dataset TRAIN = Splits.load(Specs.example("digits-mlp.yaml").data()).train();
    private static final double TOLERANCE = 1e-7;
    private static final int BATCH = 32;

    static Stream<Arguments> smoothNetworks() {
        List<Arguments> cases = new ArrayList<>();
        for (Activation a : List.of(Activation.TANH, Activation.SOFTPLUS, Activation.GELU, Activation.SIGMOID)) {
            for (double scale : new double[] {1.0, 0.3}) {
                for (String hidden : List.of("[16]", "[16,8]")) {
                    cases.add(Arguments.of(a, scale, hidden));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> reluNetworks() {
        return Stream.of(Arguments.of(1.0, "[16]"), Arguments.of(0.3, "[16,8]"));
    }

    @ParameterizedTest(name = "{0} scale={1} hidden={2}")
    @MethodSource("smoothNetworks")
    void agreesWithTheExactOracle(Activation a, double scale, String hidden) {
        Setup s = new Setup(a, scale, hidden, 21);
        GradientVjp vjp = new GradientVjp(s.loss, GradientVjp.DEFAULT_RELATIVE_STEP, false);
        for (double uScale : new double[] {1.0, 1e-6}) {
            double[] u = s.direction(22, uScale);
            Gaps g = s.gaps(vjp.apply(s.theta, s.batch, u, true, true), u);
            System.out.printf("gradient-VJP %-8s scale=%.1f hidden=%-6s |u|=%.1e: hu %.1e exampleLossSlopes %.1e"
                    + " inputSlopes %.1e%n", a, scale, hidden, GradientVjp.norm(u), g.hu, g.examples, g.inputs);
            g.check(a + " |u| x" + uScale);
        }
    }

    @ParameterizedTest(name = "relu scale={0} hidden={1}")
    @MethodSource("reluNetworks")
    void piecewiseLinearModeAgreesWithTheExactOracleOnRelu(double scale, String hidden) {
        Setup s = new Setup(Activation.RELU, scale, hidden, 31);
        GradientVjp vjp = new GradientVjp(s.loss, GradientVjp.DEFAULT_RELATIVE_STEP, true);
        double[] u = s.direction(32, 1.0);
        Gaps g = s.gaps(vjp.apply(s.theta, s.batch, u, true, true), u);
        System.out.printf("gradient-VJP RELU     scale=%.1f hidden=%-6s |u|=%.1e: hu %.1e exampleLossSlopes %.1e"
                + " inputSlopes %.1e%n", scale, hidden, GradientVjp.norm(u), g.hu, g.examples, g.inputs);
        g.check("relu");
    }

    private record Gaps(double hu, double examples, double inputs) {
        void check(String what) {
            assertTrue(hu <= TOLERANCE, what + ": H u gap " + hu);
            assertTrue(examples <= TOLERANCE, what + ": example loss slope gap " + examples);
            assertTrue(inputs <= TOLERANCE, what + ": input slope gap " + inputs);
        }
    }

    /** A real network at a generic point (nonzero biases), 32 distinct examples with weights in (0, 2). */
    private static final class Setup {
        final MinibatchLoss loss;
        final ExactMlp oracle;
        final double[] theta;
        final int[] batch = new int[BATCH];
        final double[] x;
        final int[] labels = new int[BATCH];
        final double[] w = new double[BATCH];

        Setup(Activation a, double scale, String hidden, long seed) {
            ModelSpec model = Specs.example("digits-mlp.yaml", "model.hidden=" + hidden,
                    "model.activation=" + a.key(), "model.output_scale=" + scale).model();
            MultiLayerNetwork net = NetworkFactory.build(model, TRAIN.featureCount(), TRAIN.classes());
            int[] sizes = new int[model.hidden().size() + 2];
            sizes[0] = TRAIN.featureCount();
            for (int l = 0; l < model.hidden().size(); l++) {
                sizes[l + 1] = model.hidden().get(l);
            }
            sizes[sizes.length - 1] = TRAIN.classes();
            oracle = new ExactMlp(sizes, a, scale);

            SplittableRandom r = new SplittableRandom(seed);
            theta = net.params().toDoubleVector();
            assertEquals(oracle.parameterCount(), theta.length);
            for (int k = 0; k < theta.length; k++) {
                theta[k] += 0.05 * gaussian(r);
            }
            double[] allWeights = new double[TRAIN.size()];
            for (int i = 0; i < allWeights.length; i++) {
                allWeights[i] = 2 * r.nextDouble();
            }
            loss = new MinibatchLoss(net, TRAIN, allWeights);

            // A partial Fisher-Yates shuffle: the first 32 of a random permutation.
            int[] perm = new int[TRAIN.size()];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = i;
            }
            int d = TRAIN.featureCount();
            x = new double[BATCH * d];
            for (int k = 0; k < BATCH; k++) {
                int j = k + r.nextInt(perm.length - k);
                int t = perm[k];
                perm[k] = perm[j];
                perm[j] = t;
                batch[k] = perm[k];
                System.arraycopy(TRAIN.features(), batch[k] * d, x, k * d, d);
                labels[k] = TRAIN.label(batch[k]);
                w[k] = allWeights[batch[k]];
            }
        }

        /** A Gaussian direction of norm {@code scale · ‖θ‖ / 10}. */
        double[] direction(long seed, double scale) {
            SplittableRandom r = new SplittableRandom(seed);
            double[] u = new double[theta.length];
            for (int k = 0; k < u.length; k++) {
                u[k] = gaussian(r);
            }
            double factor = scale * GradientVjp.norm(theta) / 10 / GradientVjp.norm(u);
            for (int k = 0; k < u.length; k++) {
                u[k] *= factor;
            }
            return u;
        }

        Gaps gaps(GradientVjp.Result result, double[] u) {
            return new Gaps(
                    relativeGap(result.hu(), oracle.hvp(theta, x, labels, w, u)),
                    relativeGap(result.exampleLossSlopes(), oracle.exampleLossDirectional(theta, x, labels, u)),
                    relativeGap(result.inputSlopes(), oracle.inputHvp(theta, x, labels, w, u)));
        }
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
        assertTrue(scale > 0, "the exact value is identically zero");
        return diff / scale;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
