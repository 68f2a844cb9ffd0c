package org.mgd.worker.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mgd.common.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The minibatch training loss {@code L(θ) = (1/|B|) Σ_{i∈B} w_i ℓ_i(θ)} and its exact float64
 * gradient, computed by the DL4J network. This is the one nonlinear map of a training step;
 * everything else is elementwise algebra in the optimizers. Not thread-safe: one per task.
 */
public final class MinibatchLoss {
    private final MultiLayerNetwork net;
    private final Dataset train;
    private final double[] weights;
    private final INDArray params;

    /** {@code weights} may be null: every example weighs 1. */
    public MinibatchLoss(MultiLayerNetwork net, Dataset train, double[] weights) {
        this.net = net;
        this.train = train;
        this.weights = weights;
        this.params = net.params();
    }

    public MultiLayerNetwork network() {
        return net;
    }

    public Dataset data() {
        return train;
    }

    public int parameterCount() {
        return (int) params.length();
    }

    /** The loss at {@code theta} on examples {@code batch}; its gradient is written to {@code grad}. */
    public double gradient(double[] theta, int[] batch, double[] grad) {
        load(theta);
        net.setInput(features(batch));
        net.setLabels(labels(batch));
        net.computeGradientAndScore();
        // DL4J returns the gradient of the summed loss (its updater divides by the batch size)
        // and the score of the mean: bring the gradient to the mean as well.
        double[] g = net.getFlattenedGradients().data().asDouble();
        double scale = 1.0 / batch.length;
        for (int i = 0; i < grad.length; i++) {
            grad[i] = g[i] * scale;
        }
        return net.score();
    }

    /** Copies parameters into the network's flat parameter view. */
    public void load(double[] theta) {
        params.data().setData(theta);
    }

    INDArray features(int[] batch) {
        int d = train.featureCount();
        double[] f = new double[batch.length * d];
        double[] all = train.features();
        for (int k = 0; k < batch.length; k++) {
            System.arraycopy(all, batch[k] * d, f, k * d, d);
        }
        return Nd4j.create(f, new long[] {batch.length, d}, 'c');
    }

    INDArray labels(int[] batch) {
        int classes = train.classes();
        double[] y = new double[batch.length * classes];
        for (int k = 0; k < batch.length; k++) {
            int i = batch[k];
            y[k * classes + train.label(i)] = weights == null ? 1.0 : weights[i];
        }
        return Nd4j.create(y, new long[] {batch.length, classes}, 'c');
    }
}
