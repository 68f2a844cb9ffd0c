package org.mgd.worker.train;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mgd.common.data.Dataset;
import org.mgd.worker.model.SoftmaxCrossEntropy;
import org.mgd.worker.model.RowLoss;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

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
    private final RowLoss lossFunction;
    private final double outputScale;
    /** Batch arrays by batch (BatchSchedule hands out one array per step): REPLAY revisits steps. */
    private final Map<int[], INDArray[]> batchArrays = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<int[], INDArray[]> eldest) {
            return size() > BATCH_CACHE;
        }
    };
    private static final int BATCH_CACHE = 40;
    private INDArray[] current;

    /** {@code weights} may be null: every example weighs 1. */
    public MinibatchLoss(MultiLayerNetwork net, Dataset train, double[] weights) {
        this.net = net;
        this.train = train;
        this.weights = weights;
        this.params = net.params();
        // The project's networks end in a RowLoss; tests also compare against DL4J's own losses,
        // which give gradients but not the per-example losses metagradients need.
        ILossFunction fn = ((BaseOutputLayer<?>) net.getOutputLayer()).layerConf().getLossFn();
        this.lossFunction = fn instanceof RowLoss r ? r : null;
        this.outputScale = lossFunction == null ? 1.0 : lossFunction.getOutputScale();
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
        prepare(batch);
        net.computeGradientAndScore();
        copyMean(net.getFlattenedGradients(), batch.length, grad);
        return net.score();
    }

    /**
     * The gradient at {@code theta} as {@link #gradient}, plus what metagradients need from the
     * same forward/backward pass: each example's unweighted loss {@code ℓ_i} (into
     * {@code exampleLosses}, if not null) and the gradient of L with respect to the batch's
     * input features (into {@code inputGrad}, row-major, if not null).
     */
    public void gradientAndExtras(double[] theta, int[] batch, double[] grad, double[] exampleLosses,
                                  double[] inputGrad) {
        load(theta);
        prepare(batch);
        if (inputGrad == null) {
            net.computeGradientAndScore();
            copyMean(net.getFlattenedGradients(), batch.length, grad);
        } else {
            Pair<Gradient, INDArray> both = net.calculateGradients(current[0], current[1], null, null);
            copyMean(both.getFirst().gradient(), batch.length, grad);
            copyMean(both.getSecond(), batch.length, inputGrad);
        }
        if (exampleLosses != null) {
            if (lossFunction == null) {
                throw new IllegalStateException("per-example losses need the network to end in a RowLoss");
            }
            unweightedLosses(batch, lossFunction.lastLogits(), exampleLosses);
        }
    }

    /** DL4J's gradients are of the summed loss (its updater divides by the batch size): take the mean. */
    private static void copyMean(INDArray summed, int batchSize, double[] out) {
        // A flat, offset-free array's buffer is already in logical order: no copy needed.
        boolean plain = summed.isVector() && summed.offset() == 0 && summed.length() == summed.data().length();
        double[] g = (plain ? summed : summed.dup('c')).data().asDouble();
        double scale = 1.0 / batchSize;
        for (int i = 0; i < out.length; i++) {
            out[i] = g[i] * scale;
        }
    }

    private void unweightedLosses(int[] batch, double[] logits, double[] out) {
        int classes = train.classes();
        double[] onehot = new double[logits.length];
        for (int k = 0; k < batch.length; k++) {
            onehot[k * classes + train.label(batch[k])] = 1;
            out[k] = SoftmaxCrossEntropy.loss(logits, onehot, k * classes, classes, outputScale, null);
        }
    }

    /** Copies parameters into the network's flat parameter view. */
    public void load(double[] theta) {
        params.data().setData(theta);
    }

    /** Sets the batch's inputs and labels, made once per batch array while it is in use. */
    private void prepare(int[] batch) {
        current = batchArrays.get(batch);
        if (current == null) {
            current = new INDArray[] {features(batch), labels(batch)};
            batchArrays.put(batch, current);
        }
        net.setInput(current[0]);
        net.setLabels(current[1]);
    }

    public INDArray features(int[] batch) {
        int d = train.featureCount();
        double[] f = new double[batch.length * d];
        double[] all = train.features();
        for (int k = 0; k < batch.length; k++) {
            System.arraycopy(all, batch[k] * d, f, k * d, d);
        }
        return Nd4j.create(f, new long[] {batch.length, d}, 'c');
    }

    /** The label mass of the examples: {@code w_i} at each one's class (1 without weights). */
    public INDArray labels(int[] batch) {
        int classes = train.classes();
        double[] y = new double[batch.length * classes];
        for (int k = 0; k < batch.length; k++) {
            int i = batch[k];
            y[k * classes + train.label(i)] = weights == null ? 1.0 : weights[i];
        }
        return Nd4j.create(y, new long[] {batch.length, classes}, 'c');
    }
}
