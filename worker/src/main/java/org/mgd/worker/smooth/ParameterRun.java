package org.mgd.worker.smooth;

import java.io.Serializable;
import org.mgd.worker.eval.Evaluator;
import org.mgd.worker.model.RunningStatistics;
import org.mgd.worker.task.Setup;
import org.mgd.worker.task.Task;
import org.mgd.worker.train.StepListener;
import org.mgd.worker.train.TrainState;
import org.mgd.worker.train.TrainingDivergedException;

/**
 * One {@link Task} trained for the parameters it ends at, which metasmoothness needs and a
 * {@link org.mgd.worker.task.TaskResult} does not carry. Pure function of the task, so it runs
 * anywhere a task runs (a Spark executor, a test's thread).
 */
public final class ParameterRun {
    private ParameterRun() {}

    /**
     * What one run reports: the final trainable parameters (BatchNorm's running statistics, state
     * rather than parameters, are left out), test accuracy at them, wall time; or, when training
     * diverged, why (parameters null).
     */
    public record Outcome(double[] parameters, double testAccuracy, double seconds, String diverged)
            implements Serializable {
        public boolean ok() {
            return diverged == null;
        }
    }

    /** The parameters the task's training ends at (running statistics included, as trained). */
    public static double[] finalParameters(Task task) {
        return Setup.prepare(task.spec(), task.meta(), task.seed()).training().run(StepListener.NONE).params();
    }

    /** Trains the task; a diverged run is reported, not thrown (other errors are thrown). */
    public static Outcome run(Task task) {
        long start = System.nanoTime();
        Setup setup = Setup.prepare(task.spec(), task.meta(), task.seed());
        TrainState end;
        try {
            end = setup.training().run(StepListener.NONE);
        } catch (TrainingDivergedException e) {
            return new Outcome(null, Double.NaN, (System.nanoTime() - start) / 1e9, e.getMessage());
        }
        double[] params = end.params();
        double accuracy = Evaluator.evaluate(setup.network(), params, setup.splits().test(),
                task.spec().model().outputScale()).accuracy();
        return new Outcome(withoutIndices(params, RunningStatistics.indices(setup.network())), accuracy,
                (System.nanoTime() - start) / 1e9, null);
    }

    static double[] withoutIndices(double[] x, int[] drop) {
        if (drop.length == 0) {
            return x;
        }
        boolean[] dropped = new boolean[x.length];
        for (int i : drop) {
            dropped[i] = true;
        }
        double[] out = new double[x.length - drop.length];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (!dropped[i]) {
                out[k++] = x[i];
            }
        }
        return out;
    }
}
