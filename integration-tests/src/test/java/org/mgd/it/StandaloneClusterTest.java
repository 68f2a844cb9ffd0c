package org.mgd.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgd.common.MgdException;
import org.mgd.common.data.Splits;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecLoader;
import org.mgd.driver.mgd.MgdLoop;
import org.mgd.driver.mgd.MgdState;
import org.mgd.driver.spark.SparkSession;

/**
 * MGD on a real standalone cluster (master, worker and executors in their own JVMs) against
 * the same work in local mode: same bits, also when an executor is killed mid-task.
 */
class StandaloneClusterTest {
    @TempDir
    static Path dir;
    private static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.start(dir.resolve("cluster"), 1, 2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        for (String p : List.of("spark.executor.extraClassPath", "spark.executor.memory", "spark.driver.host",
                "spark.driver.bindAddress")) {
            System.clearProperty(p);
        }
    }

    private static JobSpec spec(String... overrides) {
        return SpecLoader.load(LocalCluster.ROOT.resolve("deploy/examples/digits-select.yaml").toString(),
                List.of(overrides));
    }

    private static SparkSession onCluster() {
        LocalCluster.configureDriver(LocalCluster.testClasspath());
        return SparkSession.start("cluster test", cluster.master());
    }

    private static MgdState run(SparkSession spark, JobSpec spec, Path out) {
        MgdLoop loop = new MgdLoop(spec, spark, out.toString(), true);
        return loop.run(loop.start(false));
    }

    @Test
    void metagradientsAndTheFinalMetaparametersEqualLocalModeBitForBit() {
        JobSpec spec = spec("mgd.steps=2", "mgd.seeds=3");
        Metaparameters z = Metaparameters.unitWeights(Splits.load(spec.data()).train().size());
        long[] seeds = {0, 1, 2};
        SparkSession.MetaStep local;
        MgdState localEnd;
        try (SparkSession spark = SparkSession.start("local", "local[2]")) {
            local = spark.metagradientSum(spec, z, seeds);
            localEnd = run(spark, spec, dir.resolve("local"));
        }
        SparkSession.MetaStep remote;
        MgdState remoteEnd;
        try (SparkSession spark = onCluster()) {
            remote = spark.metagradientSum(spec, z, seeds);
            remoteEnd = run(spark, spec, dir.resolve("remote"));
        }
        assertArrayEquals(local.sum().gradient(), remote.sum().gradient(), 0.0);
        assertEquals(local.sum().objective(), remote.sum().objective(), 0.0);
        assertEquals(localEnd.z(), remoteEnd.z());
        assertEquals(localEnd.history().size(), remoteEnd.history().size());
        for (int t = 0; t < localEnd.history().size(); t++) {
            assertEquals(localEnd.history().get(t).get("objective"), remoteEnd.history().get(t).get("objective"));
        }
        // What one seed's result costs on the wire: about its 600 doubles.
        assertTrue(remote.resultBytes() > 3 * 600 * 8 && remote.resultBytes() < 3 * 600 * 8 + 3 * 200,
                remote.resultBytes() + " result bytes");
    }

    @Test
    void aKilledExecutorsTasksAreRetriedAndGiveTheSameBits() throws Exception {
        // Long enough tasks that the kill lands mid-task.
        JobSpec spec = spec("training.steps=600", "mgd.seeds=2");
        Metaparameters z = Metaparameters.unitWeights(Splits.load(spec.data()).train().size());
        long[] seeds = {0, 1};
        SparkSession.MetaStep local;
        try (SparkSession spark = SparkSession.start("local", "local[2]")) {
            local = spark.metagradientSum(spec, z, seeds);
        }
        try (SparkSession spark = onCluster()) {
            CountDownLatch started = new CountDownLatch(2);
            AtomicInteger removed = new AtomicInteger();
            spark.context().sc().addSparkListener(new SparkListener() {
                @Override
                public void onTaskStart(SparkListenerTaskStart e) {
                    started.countDown();
                }

                @Override
                public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
                    removed.incrementAndGet();
                }
            });
            CompletableFuture<SparkSession.MetaStep> job =
                    CompletableFuture.supplyAsync(() -> spark.metagradientSum(spec, z, seeds));
            assertTrue(started.await(2, TimeUnit.MINUTES), "tasks never started:\n" + cluster.logs());
            Thread.sleep(1500);
            List<ProcessHandle> executors = LocalCluster.executors();
            assertEquals(1, executors.size(), "executor JVMs: " + executors);
            assertTrue(executors.get(0).destroyForcibly());
            SparkSession.MetaStep remote = job.get(5, TimeUnit.MINUTES);
            assertTrue(removed.get() >= 1, "Spark never noticed the executor die");
            assertArrayEquals(local.sum().gradient(), remote.sum().gradient(), 0.0);
        }
    }

    @Test
    void anExecutorWithoutTheNativeNd4jBackendIsNamedWithTheFix() {
        String withoutNative = Arrays.stream(LocalCluster.testClasspath().split(java.io.File.pathSeparator))
                .filter(e -> !e.contains("nd4j-native") && !e.contains("openblas"))
                .collect(Collectors.joining(java.io.File.pathSeparator));
        LocalCluster.configureDriver(withoutNative);
        System.setProperty("spark.task.maxFailures", "1");
        try (SparkSession spark = SparkSession.start("no native backend", cluster.master())) {
            JobSpec spec = spec("training.steps=5");
            Metaparameters z = Metaparameters.unitWeights(Splits.load(spec.data()).train().size());
            MgdException e = assertThrows(MgdException.class, () -> spark.metagradientSum(spec, z, new long[] {0}));
            assertTrue(e.getMessage().contains("no ND4J native backend") && e.getMessage().contains("mgd.jar"),
                    e.getMessage());
        } finally {
            System.clearProperty("spark.task.maxFailures");
        }
    }
}
