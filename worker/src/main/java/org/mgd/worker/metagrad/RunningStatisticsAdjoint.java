package org.mgd.worker.metagrad;

import org.mgd.worker.model.RunningStatisticsStep;
import org.mgd.worker.train.Adjoint;
import org.mgd.worker.train.Training;

/**
 * BatchNorm's running statistics in a reverse step. They take the moving-average step, not the
 * optimizer's, so the optimizer's reverse must see them as constants (their adjoint removed; its
 * output there discarded), and the moving average's own reverse supplies their adjoint and a share
 * for θ and the batch's inputs (see {@link RunningStatisticsStep}).
 */
final class RunningStatisticsAdjoint {
    private final Training training;
    private final RunningStatisticsStep step;
    private final int[] indices;

    private RunningStatisticsAdjoint(Training training) {
        this.training = training;
        this.step = new RunningStatisticsStep(training.loss().network());
        this.indices = training.runningStatistics();
    }

    /** Null for training without BatchNorm: there is nothing to do. */
    static RunningStatisticsAdjoint of(Training training) {
        return training.hasRunningStatistics() ? new RunningStatisticsAdjoint(training) : null;
    }

    /** The moving average's share of reversing step t at θ_t, from the adjoint of s_{t+1}. */
    RunningStatisticsStep.Share share(double[] theta, int[] batch, Adjoint next, boolean inputs) {
        return step.reverse(theta, training.loss().features(batch), next.params(), inputs);
    }

    /** What the optimizer's reverse sees: the adjoint without its running-statistic entries. */
    Adjoint withoutStatistics(Adjoint next) {
        double[] params = next.params().clone();
        for (int i : indices) {
            params[i] = 0;
        }
        return new Adjoint(params, next.buffers());
    }

    /** The adjoint of s_t: the optimizer's, less what it made up for the statistics, plus the share. */
    Adjoint combine(Adjoint fromOptimizer, RunningStatisticsStep.Share share) {
        double[] params = fromOptimizer.params().clone();
        for (int i : indices) {
            params[i] = 0;
        }
        for (int i = 0; i < params.length; i++) {
            params[i] += share.params()[i];
        }
        return new Adjoint(params, fromOptimizer.buffers());
    }
}
