package org.mgd.worker.model;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reverse-mode through BatchNorm's moving-average step {@code r' = d·r + (1 − d)·S(θ, x_B)}, where
 * S is each BatchNorm layer's batch mean and biased variance of its input (what DL4J uses, per
 * channel over examples and positions). Given the adjoint r̄' it yields {@code d·r̄'} for r, and
 * {@code (1 − d)·∇⟨r̄', S⟩} for the parameters θ and the batch's inputs x: one training-mode forward
 * pass up to the last BatchNorm, then DL4J's backprop from there with
 * {@code ∂⟨r̄', S⟩/∂h = r̄'_μ/M + 2 r̄'_σ²(h − mean)/M} injected at each BatchNorm input h (M values
 * per channel). Batch statistics do not read labels, so data weights get no share. Exact, no
 * finite differences. Not thread-safe; shares the training network.
 */
public final class RunningStatisticsStep {
    private final MultiLayerNetwork net;
    private final List<RunningStatistics.Slots> batchNorms;
    /** Each BatchNorm layer's d, in the order of {@link #batchNorms}. */
    private final double[] decays;

    public RunningStatisticsStep(MultiLayerNetwork net) {
        this.net = net;
        this.batchNorms = RunningStatistics.layers(net);
        this.decays = batchNorms.stream().mapToDouble(s -> ((org.deeplearning4j.nn.conf.layers.BatchNormalization)
                net.getLayer(s.layer()).conf().getLayer()).getDecay()).toArray();
    }

    /**
     * The step's share of the adjoints: {@code params} (full length) holds {@code d·r̄'} at the
     * running statistics and {@code (1 − d)·∂⟨r̄', S⟩/∂θ} elsewhere; {@code inputs} (row-major, like
     * the batch's features; null unless asked for) holds {@code (1 − d)·∂⟨r̄', S⟩/∂x}.
     */
    public record Share(double[] params, double[] inputs) {}

    /** @param next the adjoint of θ after the step; only its running-statistic entries are read. */
    public Share reverse(double[] theta, INDArray features, double[] next, boolean inputs) {
        net.params().data().setData(theta);
        int last = batchNorms.get(batchNorms.size() - 1).layer();
        LayerByLayer pass = LayerByLayer.forward(net, features, last + 1, true);
        INDArray epsilon = null;
        int bn = batchNorms.size() - 1;
        for (int i = last; i >= 0; i--) {
            if (bn >= 0 && batchNorms.get(bn).layer() == i) {
                INDArray injected = statisticsGradient(batchNorms.get(bn), pass.input(i), next, 1 - decays[bn]);
                bn--;
                // The last BatchNorm's output feeds nothing here; earlier ones pass the gradient on.
                epsilon = epsilon == null ? injected : pass.throughLayer(i, epsilon).addi(injected);
                epsilon = pass.beforePreprocessor(i, epsilon);
            } else {
                epsilon = pass.backprop(i, epsilon);
            }
        }
        double[] params = net.getFlattenedGradients().dup('c').data().asDouble();
        for (int b = 0; b < batchNorms.size(); b++) {
            RunningStatistics.Slots s = batchNorms.get(b);
            double d = decays[b];
            for (int c = 0; c < s.channels(); c++) {
                params[s.mean() + c] = d * next[s.mean() + c];
                params[s.variance() + c] = d * next[s.variance() + c];
            }
        }
        return new Share(params, inputs ? epsilon.dup('c').data().asDouble() : null);
    }

    /** {@code weight·∂⟨r̄', S⟩/∂h} for one BatchNorm layer's input h. */
    private static INDArray statisticsGradient(RunningStatistics.Slots slots, INDArray input, double[] next,
                                               double weight) {
        Channels layout = Channels.of(input);
        double[] h = input.dup('c').data().asDouble();
        double[] mean = layout.means(h);
        double scale = weight / layout.perChannel();
        double[] out = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            int c = layout.channel(i);
            out[i] = scale * (next[slots.mean() + c] + 2 * next[slots.variance() + c] * (h[i] - mean[c]));
        }
        return Nd4j.create(out, input.shape(), 'c');
    }
}
