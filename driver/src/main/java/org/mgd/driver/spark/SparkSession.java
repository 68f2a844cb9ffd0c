package org.mgd.driver.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.mgd.common.MgdException;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
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
    private final boolean progress;
    private final AtomicInteger jobs = new AtomicInteger();

    private SparkSession(JavaSparkContext context, boolean progress) {
        this.context = context;
        this.progress = progress;
    }

    /** A session that prints no progress of its own (programs and tests). */
    public static SparkSession start(String appName, String master) {
        return start(appName, master, false);
    }

    /**
     * A session on {@code master} (null: the spark-submit's, else local mode on every core);
     * with {@code progress}, jobs of many tasks print how many are done on stderr ({@link JobProgress}).
     */
    public static SparkSession start(String appName, String master, boolean progress) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
        } else if (!conf.contains("spark.jars") && !conf.contains("spark.executor.extraClassPath")) {
            // Started by ./mgd --master rather than spark-submit: ship our own jar to executors.
            ownJar().ifPresent(jar -> conf.set("spark.jars", jar));
        }
        // One OpenMP thread per task: tasks are the parallelism (see ./mgd for the measurement).
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        conf.setIfMissing("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrator", KryoRegistration.class.getName());
        conf.setIfMissing("spark.kryo.registrationRequired", "true");
        MasterCheck.reachable(conf.get("spark.master"));
        try {
            return new SparkSession(new JavaSparkContext(conf), progress);
        } catch (RuntimeException e) {
            throw new MgdException("cannot start Spark (master " + conf.get("spark.master") + "): " + e.getMessage(), e);
        }
    }

    private static java.util.Optional<String> ownJar() {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(
                    SparkSession.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") ? java.util.Optional.of(p.toString()) : java.util.Optional.empty();
        } catch (java.net.URISyntaxException | SecurityException e) {
            return java.util.Optional.empty();
        }
    }

    public JavaSparkContext context() {
        return context;
    }

    /** Spark SQL on this session's context, for the tables commands write (Parquet). */
    public org.apache.spark.sql.SparkSession sql() {
        return org.apache.spark.sql.SparkSession.builder().sparkContext(context.sc()).getOrCreate();
    }

    /**
     * Runs {@code work} on every task, one Spark task each, on the executors; results in task
     * order. The tasks travel as one broadcast (fetched once per executor, shared metaparameters
     * written once), not inside each Spark task: a task carrying 250 poisoned MNIST images is 1.5 MB.
     */
    public <R> List<R> each(List<Task> tasks, Function<Task, R> work) {
        return each("tasks", tasks, work);
    }

    /** {@link #each(List, Function)}, its progress counting {@code noun} ("training runs"). */
    public <R> List<R> each(String noun, List<Task> tasks, Function<Task, R> work) {
        Broadcast<List<Task>> shared = context.broadcast(new ArrayList<>(tasks));
        try {
            return watched(noun, tasks.size(), () -> context.parallelize(indices(tasks.size()), tasks.size())
                    .map(i -> ExecutorErrors.translate(() -> work.call(shared.value().get(i)))).collect());
        } finally {
            shared.destroy();
        }
    }

    /**
     * Runs {@code job}, Spark jobs of {@code tasks} tasks in all, in a job group of its own (named
     * in the Spark UI), with the driver's progress line when this session prints progress
     * ({@link JobProgress}); a failure comes out as {@link #userFacing(Exception)} says.
     */
    public <T> T watched(String noun, int tasks, Supplier<T> job) {
        String group = "mgd-" + jobs.incrementAndGet();
        context.setJobGroup(group, tasks + " " + noun, false);
        try (JobProgress watch = progress && tasks > 1 ? JobProgress.onStderr(context, group, noun, tasks) : null) {
            T result = job.get();
            if (watch != null) {
                watch.finish(true);
            }
            return result;
        } catch (Exception e) {
            throw userFacing(e);
        } finally {
            context.clearJobGroup();
        }
    }

    /** Trains every task; results in task order. */
    public List<TaskResult> train(List<Task> tasks, StepListener listener) {
        return each("training runs", tasks, task -> task.train(listener));
    }

    /** Computes every task's metagradient; results in task order. */
    public List<MetagradientResult> metagradients(List<Task> tasks, StepListener listener, boolean timeTraining) {
        return each("metagradients", tasks, task -> task.metagradient(listener, timeTraining));
    }

    /**
     * One meta-step's metagradients: one Spark task per seed, the spec and the metaparameters
     * sent once as broadcasts, the per-seed results summed on the executors along a fixed tree
     * (see {@link SeedSum}) so that the driver receives one vector, with the same bits on any
     * cluster.
     */
    public MetaStep metagradientSum(JobSpec spec, Metaparameters z, long[] seeds) {
        return seedSum(spec, z, seeds, true);
    }

    /**
     * The same per-seed evaluation of {@code z} as {@link #metagradientSum}, by plain training
     * runs (a third or less of a metagradient's cost): for a point no step will be taken from.
     */
    public MetaStep evaluationSum(JobSpec spec, Metaparameters z, long[] seeds) {
        return seedSum(spec, z, seeds, false);
    }

    private MetaStep seedSum(JobSpec spec, Metaparameters z, long[] seeds, boolean metagradient) {
        long start = System.nanoTime();
        Broadcast<JobSpec> specShared = context.broadcast(spec);
        Broadcast<Metaparameters> zShared = context.broadcast(z);
        LongAccumulator resultBytes = context.sc().longAccumulator("metagradient result bytes");
        try {
            SeedSum sum = context.parallelize(indices(seeds.length), seeds.length)
                    .map(new SeedRun(specShared, zShared, seeds, metagradient, resultBytes))
                    .treeAggregate(new SeedSum(seeds.length), SeedSum::add, SeedSum::merge);
            long broadcastBytes = WireSize.of(spec) + WireSize.of(z);
            return new MetaStep(sum.total(), resultBytes.value(), broadcastBytes, (System.nanoTime() - start) / 1e9);
        } catch (Exception e) {
            throw userFacing(e);
        } finally {
            specShared.destroy();
            zShared.destroy();
        }
    }

    /** 0..n-1: what the Spark tasks carry when the work itself travels as a broadcast. */
    private static List<Integer> indices(int n) {
        List<Integer> indices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            indices.add(i);
        }
        return indices;
    }

    /** A meta-step's summed results and what it shipped: bytes are Kryo-serialized sizes. */
    public record MetaStep(SeedSum.Part sum, long resultBytes, long broadcastBytes, double sparkSeconds) {}

    /** Scores one task's training pool on an executor (see {@link PoolScores}). */
    public PoolScores scorePool(Task task) {
        return each(List.of(task), PoolScores::of).get(0);
    }

    /** Adversarial-example poisons for {@code clean}'s examples, made on an executor. */
    public Metaparameters adversarialPoisons(Task cleanTraining, Metaparameters clean, double stepSize, Double radius) {
        return each(List.of(cleanTraining), t -> AdversarialPoisons.of(t, clean, stepSize, radius)).get(0);
    }

    /**
     * The user-facing error inside a failed Spark job, or the Spark error itself (Scala throws
     * SparkException, a checked exception, without declaring it).
     */
    static RuntimeException userFacing(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MgdException m) {
                return m;
            }
        }
        return e instanceof RuntimeException r ? r : new MgdException("the Spark job failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        context.stop();
    }

    private record SeedRun(Broadcast<JobSpec> spec, Broadcast<Metaparameters> z, long[] seeds, boolean metagradient,
                           LongAccumulator resultBytes)
            implements Function<Integer, SeedSum.Part> {
        @Override
        public SeedSum.Part call(Integer index) {
            long seed = seeds[index];
            JobSpec seeded = spec.value().withTrainingSeed(seed);
            Task task = new Task(seeded, z.value(), seed);
            SeedSum.Part part = ExecutorErrors.translate(() -> metagradient
                    ? SeedSum.Part.of(index, task.metagradient(StepListener.NONE, false), seeded.objective())
                    : SeedSum.Part.of(index, task.train(StepListener.NONE), seeded.objective()));
            resultBytes.add(WireSize.of(part));
            return part;
        }
    }
}
