package org.mgd.worker.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.mgd.common.data.Dataset;
import org.mgd.common.data.Splits;
import org.mgd.common.spec.JobSpec;
import org.mgd.worker.model.NetworkFactory;
import org.mgd.worker.testing.Specs;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** The weighted minibatch loss and its gradient, on the real digits data and a real DL4J network. */
class MinibatchLossTest {
    private final JobSpec spec = Specs.example("digits-mlp.yaml", "model.hidden=[16]", "model.output_scale=0.5");
    private final Dataset train = Splits.load(spec.data()).train();
    private final MultiLayerNetwork net = NetworkFactory.build(spec.model(), train.featureCount(), train.classes());
    private final int[] batch = {3, 17, 99, 250, 251, 1000, 7, 42};

    private double[] randomWeights(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[train.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 2 * r.nextDouble();
        }
        return w;
    }

    @Test
    void weightedGradientMatchesCentralDifferences() {
        MinibatchLoss loss = new MinibatchLoss(net, train, randomWeights(1));
        double[] theta = net.params().toDoubleVector();
        double[] grad = new double[theta.length];
        loss.gradient(theta, batch, grad);
        SplittableRandom r = new SplittableRandom(2);
        double[] scratch = new double[theta.length];
        for (int k = 0; k < 25; k++) {
            int i = r.nextInt(theta.length);
            double eps = 1e-5;
            double[] plus = theta.clone();
            plus[i] += eps;
            double[] minus = theta.clone();
            minus[i] -= eps;
            double fd = (loss.gradient(plus, batch, scratch) - loss.gradient(minus, batch, scratch)) / (2 * eps);
            assertEquals(grad[i], fd, 1e-8 + 1e-6 * Math.abs(fd), "coordinate " + i);
        }
    }

    @Test
    void lossIsTheWeightedMeanOfPerExampleLosses() {
        double[] w = randomWeights(3);
        double[] theta = net.params().toDoubleVector();
        double[] grad = new double[theta.length];
        double weighted = new MinibatchLoss(net, train, w).gradient(theta, batch, grad);
        double expected = 0;
        MinibatchLoss plain = new MinibatchLoss(net, train, null);
        for (int i : batch) {
            expected += w[i] * plain.gradient(theta, new int[] {i}, grad);
        }
        assertEquals(expected / batch.length, weighted, 1e-12);
    }

    @Test
    void unitWeightsEqualNoWeightsBitForBit() {
        double[] ones = new double[train.size()];
        java.util.Arrays.fill(ones, 1.0);
        double[] theta = net.params().toDoubleVector();
        double[] g1 = new double[theta.length];
        double[] g2 = new double[theta.length];
        double l1 = new MinibatchLoss(net, train, ones).gradient(theta, batch, g1);
        double l2 = new MinibatchLoss(net, train, null).gradient(theta, batch, g2);
        assertEquals(l1, l2, 0.0);
        assertArrayEquals(g1, g2, 0.0);
    }

    @Test
    void agreesWithDl4jsOwnSoftmaxCrossEntropy() {
        JobSpec plainSpec = Specs.example("digits-mlp.yaml", "model.hidden=[16]");
        MultiLayerNetwork ours = NetworkFactory.build(plainSpec.model(), train.featureCount(), train.classes());
        MultiLayerNetwork reference = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).updater(new NoOp()).list()
                .layer(0, new DenseLayer.Builder().nIn(64).nOut(16).activation(Activation.TANH).build())
                .layer(1, new OutputLayer.Builder(new LossMCXENT()).nIn(16).nOut(10).activation(Activation.SOFTMAX).build())
                .build());
        reference.init();
        double[] theta = ours.params().toDoubleVector();
        double[] g1 = new double[theta.length];
        double[] g2 = new double[theta.length];
        double l1 = new MinibatchLoss(ours, train, null).gradient(theta, batch, g1);
        double l2 = new MinibatchLoss(reference, train, null).gradient(theta, batch, g2);
        assertEquals(l2, l1, 1e-12);
        for (int i = 0; i < theta.length; i++) {
            assertEquals(g2[i], g1[i], 1e-12, "coordinate " + i);
        }
        assertTrue(l1 > 0.5, "an untrained net on 10 classes has a loss near ln 10");
    }
}
