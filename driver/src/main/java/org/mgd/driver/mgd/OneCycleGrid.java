package org.mgd.driver.mgd;

import java.util.ArrayList;
import java.util.List;
import org.mgd.common.MgdException;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.LrScheduleSpec;
import org.mgd.common.spec.OptimizerSpec;
import org.mgd.driver.spark.SparkSession;
import org.mgd.worker.task.Task;
import org.mgd.worker.train.StepListener;
import org.mgd.worker.train.TrainingDivergedException;

/**
 * The schedule task's strongest simple rival: a grid search over one-cycle schedules (peak LR ×
 * warm-up fraction × final ratio, 100 configurations), each trained once with the spec's own seed
 * and judged on the same target objective MGD optimises. Its cost is 100 training runs. Peaks run
 * from half the base LR to 8 times it, so that a base LR set for plain training leaves the
 * grid's best inside the grid; a peak that diverges is out of the running, not an error.
 */
final class OneCycleGrid {
    private OneCycleGrid() {}

    static final double[] PEAK = {0.5, 1, 2, 4, 8};
    static final double[] WARMUP = {0.05, 0.1, 0.2, 0.3, 0.5};
    static final double[] FINAL = {0.0, 0.03, 0.1, 0.3};
    static final int CONFIGURATIONS = PEAK.length * WARMUP.length * FINAL.length;

    record Best(String name, JobSpec spec, double objective, int configurations) {}

    static Best search(JobSpec spec, SparkSession spark) {
        List<JobSpec> grid = new ArrayList<>();
        List<String> names = new ArrayList<>();
        OptimizerSpec optimizer = spec.training().optimizer();
        for (double peak : PEAK) {
            for (double warmup : WARMUP) {
                for (double last : FINAL) {
                    grid.add(spec.withTraining(spec.training().withLearningRate(optimizer.withLr(optimizer.lr() * peak),
                            new LrScheduleSpec.OneCycle(warmup, 0.0, last))));
                    names.add(String.format("grid best of %d: %sx lr, warm-up %s, final %s",
                            CONFIGURATIONS, peak, warmup, last));
                }
            }
        }
        List<Task> tasks = grid.stream().map(s -> Task.of(s, null)).toList();
        List<Double> objectives = spark.each("one-cycle schedules", tasks, task -> {
            try {
                double objective = task.train(StepListener.NONE).objective();
                return Double.isNaN(objective) ? Double.POSITIVE_INFINITY : objective;
            } catch (TrainingDivergedException e) {
                return Double.POSITIVE_INFINITY;
            }
        });
        int best = bestIndex(objectives);
        return new Best(names.get(best), grid.get(best), objectives.get(best), grid.size());
    }

    /** The configuration with the lowest objective; diverged ones (+∞) lose to any that trained. */
    static int bestIndex(List<Double> objectives) {
        int best = 0;
        for (int i = 1; i < objectives.size(); i++) {
            if (objectives.get(i) < objectives.get(best)) {
                best = i;
            }
        }
        if (objectives.get(best).isInfinite()) {
            throw new MgdException("every one-cycle schedule of the grid diverged (peaks from "
                    + PEAK[0] + "x training.optimizer.lr); lower training.optimizer.lr");
        }
        return best;
    }
}
