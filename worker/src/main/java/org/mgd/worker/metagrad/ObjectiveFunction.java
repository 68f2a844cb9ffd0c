package org.mgd.worker.metagrad;

import org.mgd.common.data.Dataset;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.ModelSpec;
import org.mgd.worker.model.MarginLoss;
import org.mgd.worker.model.NetworkFactory;
import org.mgd.worker.model.RowLoss;
import org.mgd.worker.model.WeightedLoss;
import org.mgd.worker.train.MinibatchLoss;

/**
 * φ(θ) on the target split and ∂φ/∂θ, where the metagradient's reverse pass starts. Computed by
 * a twin of the training network (same layout) whose output loss is the objective's.
 */
public final class ObjectiveFunction {
    private final MinibatchLoss loss;
    private final double sign;
    private final int[] all;

    private ObjectiveFunction(MinibatchLoss loss, double sign) {
        this.loss = loss;
        this.sign = sign;
        this.all = new int[loss.data().size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
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
        return new ObjectiveFunction(new MinibatchLoss(net, target, null), sign);
    }

    /** φ(θ); writes ∂φ/∂θ into {@code grad}. */
    public double valueAndGradient(double[] theta, double[] grad) {
        double value = loss.gradient(theta, all, grad);
        if (sign != 1.0) {
            for (int i = 0; i < grad.length; i++) {
                grad[i] *= sign;
            }
        }
        return sign * value;
    }
}
