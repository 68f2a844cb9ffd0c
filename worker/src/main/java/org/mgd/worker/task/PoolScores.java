package org.mgd.worker.task;

import java.io.Serializable;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.ModelSpec;
import org.mgd.worker.metagrad.GradientVjp;
import org.mgd.worker.metagrad.ObjectiveFunction;
import org.mgd.worker.train.MinibatchLoss;
import org.mgd.worker.train.StepListener;
import org.mgd.worker.train.TrainState;

/**
 * Per-example scores of the training pool at the model trained on all of it: each example's loss
 * (the small-loss filtering baseline keeps the lowest) and its gradient's alignment with the
 * objective's, {@code ⟨∇ℓ_i, ∇φ⟩} (one SGD step on example i changes φ by about −η times it, so
 * the gradient-alignment baseline keeps the highest). Alignments come from the same
 * finite-difference gradient-VJP as metagradients, a batch at a time.
 */
public record PoolScores(double[] losses, double[] alignments) implements Serializable {

    public static PoolScores of(Task task) {
        Setup setup = Setup.prepare(task.spec(), task.meta(), task.seed());
        TrainState end = setup.training().run(StepListener.NONE);
        double[] theta = end.params();
        double[] objectiveGradient = new double[theta.length];
        ObjectiveFunction.of(task.spec(), setup.splits().target()).valueAndGradient(theta, objectiveGradient);
        // BatchNorm's running statistics: φ reads them, but no example's gradient step moves them.
        for (int i : setup.training().runningStatistics()) {
            objectiveGradient[i] = 0;
        }
        MinibatchLoss loss = setup.training().loss();
        GradientVjp vjp = new GradientVjp(loss, task.spec().replay().vjpStep(),
                task.spec().model().activation() == ModelSpec.Activation.RELU);
        int n = setup.train().size();
        double[] losses = new double[n];
        double[] alignments = new double[n];
        double[] grad = new double[theta.length];
        PoolScoring.inChunks(n, (start, batch) -> {
            double[] chunkLosses = new double[batch.length];
            loss.gradientAndExtras(theta, batch, grad, chunkLosses, null);
            double[] slopes = vjp.apply(theta, batch, objectiveGradient, true, false).exampleLossSlopes();
            System.arraycopy(chunkLosses, 0, losses, start, batch.length);
            System.arraycopy(slopes, 0, alignments, start, batch.length);
        });
        return new PoolScores(losses, alignments);
    }

    /** Data weights keeping the {@code budget} examples that score lowest (or highest). */
    public static Metaparameters keep(double[] scores, int budget, boolean lowest) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> lowest ? Double.compare(scores[a], scores[b])
                : Double.compare(scores[b], scores[a]));
        double[] w = new double[scores.length];
        for (int k = 0; k < budget; k++) {
            w[order[k]] = 1;
        }
        return Metaparameters.dataWeights(w);
    }
}
