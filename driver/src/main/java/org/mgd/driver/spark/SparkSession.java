package org.mgd.driver.spark;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.mgd.common.MgdException;
import org.mgd.common.meta.Metaparameters;
import org.mgd.worker.task.AdversarialPoisons;
import org.mgd.worker.task.MetagradientResult;
import org.mgd.worker.task.PoolScores;
import org.mgd.worker.task.Task;
import org.mgd.worker.task.TaskResult;
import org.mgd.worker.train.StepListener;

/**
 * The Spark application a command runs in: local mode unless a master is given (by
 * {@code --master} or by {@code spark-submit}). Tasks run on executors and their results come
 * back to the driver; an executor's user-facing error comes back as that same error.
 */
public final class SparkSession implements AutoCloseable {
    private final JavaSparkContext context;

    private SparkSession(JavaSparkContext context) {
        this.context = context;
    }

    public static SparkSession start(String appName, String master) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        // One OpenMP thread per task: tasks are the parallelism (see ./mgd for the measurement).
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        conf.setIfMissing("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
        try {
            return new SparkSession(new JavaSparkContext(conf));
        } catch (RuntimeException e) {
            throw new MgdException("cannot start Spark (master " + conf.get("spark.master") + "): " + e.getMessage(), e);
        }
    }

    public JavaSparkContext context() {
        return context;
    }

    /** Trains every task on the executors, one Spark task each; results in task order. */
    public List<TaskResult> train(List<Task> tasks, StepListener listener) {
        try {
            return context.parallelize(tasks, tasks.size()).map(new TrainFunction(listener)).collect();
        } catch (RuntimeException e) {
            throw userFacing(e);
        }
    }

    /** Computes every task's metagradient on the executors; results in task order. */
    public List<MetagradientResult> metagradients(List<Task> tasks, StepListener listener, boolean timeTraining) {
        try {
            return context.parallelize(tasks, tasks.size())
                    .map(new MetagradientFunction(listener, timeTraining)).collect();
        } catch (RuntimeException e) {
            throw userFacing(e);
        }
    }

    /** Scores one task's training pool on an executor (see {@link PoolScores}). */
    public PoolScores scorePool(Task task) {
        try {
            return context.parallelize(List.of(task), 1).map(new PoolScoresFunction()).collect().get(0);
        } catch (RuntimeException e) {
            throw userFacing(e);
        }
    }

    /** Adversarial-example poisons for {@code clean}'s examples, made on an executor. */
    public Metaparameters adversarialPoisons(Task cleanTraining, Metaparameters clean, double stepSize, Double radius) {
        try {
            return context.parallelize(List.of(cleanTraining), 1)
                    .map(t -> AdversarialPoisons.of(t, clean, stepSize, radius)).collect().get(0);
        } catch (RuntimeException e) {
            throw userFacing(e);
        }
    }

    /** The user-facing error inside a failed Spark job, or the Spark error itself. */
    static RuntimeException userFacing(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MgdException m) {
                return m;
            }
        }
        return e;
    }

    @Override
    public void close() {
        context.stop();
    }

    private record MetagradientFunction(StepListener listener, boolean timeTraining)
            implements Function<Task, MetagradientResult> {
        @Override
        public MetagradientResult call(Task task) {
            return task.metagradient(listener, timeTraining);
        }
    }

    private record PoolScoresFunction() implements Function<Task, PoolScores> {
        @Override
        public PoolScores call(Task task) {
            return PoolScores.of(task);
        }
    }

    private record TrainFunction(StepListener listener) implements Function<Task, TaskResult> {
        @Override
        public TaskResult call(Task task) {
            return task.train(listener);
        }
    }
}
