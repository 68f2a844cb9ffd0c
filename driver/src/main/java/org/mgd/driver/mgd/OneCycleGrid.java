package org.mgd.driver.mgd;

import java.util.ArrayList;
import java.util.List;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.LrScheduleSpec;
import org.mgd.common.spec.OptimizerSpec;
import org.mgd.driver.spark.SparkSession;
import org.mgd.worker.task.Task;
import org.mgd.worker.task.TaskResult;
import org.mgd.worker.train.StepListener;

/**
 * The schedule task's strongest simple rival: a grid search over one-cycle schedules (peak LR ×
 * warm-up fraction × final ratio, 48 configurations), each trained once with the spec's own seed
 * and judged on the same target objective MGD optimises. Its cost is 48 training runs.
 */
final class OneCycleGrid {
    private OneCycleGrid() {}

    static final double[] PEAK = {0.5, 1, 2, 4};
    static final double[] WARMUP = {0.1, 0.2, 0.3, 0.5};
    static final double[] FINAL = {0.0, 0.1, 0.3};
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
        List<TaskResult> results = spark.train(tasks, StepListener.NONE);
        int best = 0;
        for (int i = 1; i < results.size(); i++) {
            if (results.get(i).objective() < results.get(best).objective()) {
                best = i;
            }
        }
        return new Best(names.get(best), grid.get(best), results.get(best).objective(), grid.size());
    }
}
