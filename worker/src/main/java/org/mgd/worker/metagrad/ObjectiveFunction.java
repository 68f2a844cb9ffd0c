package org.mgd.worker.metagrad;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mgd.common.data.Dataset;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.ModelSpec;
import org.mgd.worker.model.InferenceLoss;
import org.mgd.worker.model.MarginLoss;
import org.mgd.worker.model.NetworkFactory;
import org.mgd.worker.model.RowLoss;
import org.mgd.worker.model.WeightedLoss;
import org.mgd.worker.train.MinibatchLoss;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * φ(θ) on the target split and ∂φ/∂θ, where the metagradient's reverse pass starts. Computed by
 * a twin of the training network (same layout) whose output loss is the objective's, in inference
 * mode: φ judges the model as it predicts, so with BatchNorm it reads the running statistics (and
 * ∂φ/∂θ has entries for them) rather than the target set's own batch statistics.
 */
public final class ObjectiveFunction {
    private final InferenceLoss loss;
    private final INDArray features;
    private final INDArray labels;
    private final double sign;

    private ObjectiveFunction(MultiLayerNetwork net, Dataset target, double sign) {
        this.loss = new InferenceLoss(net);
        int[] all = new int[target.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        MinibatchLoss rows = new MinibatchLoss(net, target, null);
        this.features = rows.features(all);
        this.labels = rows.labels(all);
        this.sign = sign;
    }

    public static ObjectiveFunction of(JobSpec spec, Dataset target) {
        ModelSpec m = spec.model();
        RowLoss rowLoss = switch (spec.objective()) {
            case TARGET_LOSS, NEG_TARGET_LOSS -> new WeightedLoss(m.outputScale());
            case TARGET_MARGIN -> new MarginLoss(m.outputScale());
        };
        double sign = switch (spec.objective()) {
            case NEG_TARGET_LOSS -> -1.0;
            default -> 1.0;
        };
        var net = NetworkFactory.build(m, target.shape(), target.classes(), rowLoss);
        return new ObjectiveFunction(net, target, sign);
    }

    /** φ(θ); writes ∂φ/∂θ into {@code grad}. */
    public double valueAndGradient(double[] theta, double[] grad) {
        double value = loss.valueAndGradient(theta, features, labels, grad);
        if (sign != 1.0) {
            for (int i = 0; i < grad.length; i++) {
                grad[i] *= sign;
            }
        }
        return sign * value;
    }
}
