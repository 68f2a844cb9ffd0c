package org.mgd.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgd.common.MgdException;
import org.mgd.common.data.MiniHdfs;
import org.mgd.common.io.HadoopFiles;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecLoader;
import org.mgd.driver.mgd.MgdLoop;
import org.mgd.driver.mgd.MgdState;
import org.mgd.driver.spark.SparkSession;
import org.mgd.worker.metagrad.Metagradient;

/** A real in-process HDFS holds REPLAY's checkpoints and an MGD run's state. */
class HdfsTest {
    private static final Path ROOT = Path.of(System.getProperty("mgd.root", "..")).toAbsolutePath().normalize();

    @TempDir
    static Path base;

    private static MiniDFSCluster cluster;
    private static String hdfs;

    @BeforeAll
    static void start() throws Exception {
        cluster = MiniHdfs.start(base);
        hdfs = MiniHdfs.uri(cluster, "");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    private static JobSpec spec(String name, String... overrides) {
        return SpecLoader.load(ROOT.resolve("deploy/examples/" + name).toString(), List.of(overrides));
    }

    @Test
    void replayCheckpointsOnHdfsGiveTheInMemoryMetagradient() {
        String[] small = {"training.steps=40", "model.hidden=[8]"};
        Metagradient.Result memory = Metagradient.compute(spec("digits-mlp.yaml", concat(small, "replay={k: 3}")), null, 0);
        Metagradient.Result onHdfs = Metagradient.compute(spec("digits-mlp.yaml",
                concat(small, "replay={k: 3, checkpoints: '" + hdfs + "/ckpt'}")), null, 0);
        assertArrayEquals(memory.gradient().values(), onHdfs.gradient().values(), 0.0);
        assertTrue(memory.stats().peakLiveStates() > 3);
    }

    @Test
    void anMgdRunKeepsItsStateOnHdfsAndResumesFromIt() {
        String out = hdfs + "/runs/select";
        MgdState first;
        try (SparkSession spark = SparkSession.start("hdfs", "local[2]")) {
            MgdLoop loop = new MgdLoop(spec("digits-select.yaml", "mgd.steps=1"), spark, out, true);
            first = loop.run(loop.start(false));
        }
        assertTrue(HadoopFiles.exists(MgdLoop.statePath(out)));
        assertEquals(first.z(), MgdState.read(MgdLoop.statePath(out)).z());
        MgdState resumed;
        try (SparkSession spark = SparkSession.start("hdfs", "local[2]")) {
            MgdLoop loop = new MgdLoop(spec("digits-select.yaml", "mgd.steps=2"), spark, out, true);
            resumed = loop.run(loop.start(true));
        }
        assertEquals(3, resumed.history().size());
        assertEquals(first.history().get(0).get("objective"), resumed.history().get(0).get("objective"));
    }

    @Test
    void aKilledDriverResumesFromHdfsWithoutRedoingAFinishedMetaStep() throws Exception {
        String[] args = {"run", "deploy/examples/digits-select.yaml", "--set", "mgd.steps=3"};
        String killed = hdfs + "/runs/killed";
        Process driver = new ProcessBuilder(concat(mgdCommand(args), "--out", killed))
                .directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(base.resolve("killed.log").toFile()).start();
        String metrics = killed + "/metrics.jsonl";
        long deadline = System.nanoTime() + 240_000_000_000L;
        while (!(HadoopFiles.exists(metrics) && HadoopFiles.readString(metrics).lines().count() >= 1)) {
            assertTrue(driver.isAlive(), "the driver ended before its first meta-step:\n"
                    + java.nio.file.Files.readString(base.resolve("killed.log")));
            assertTrue(System.nanoTime() < deadline, "no meta-step within 4 minutes");
            Thread.sleep(100);
        }
        driver.destroyForcibly().waitFor();
        String before = HadoopFiles.readString(metrics);
        int done = (int) before.lines().count();
        assertTrue(done < 4, "the kill came too late to test anything: " + done + " meta-steps done");

        Script.Run resumed = MgdCommandTest.mgd(concat(args, "--out", killed, "--resume"));
        assertEquals(0, resumed.exit(), resumed.stderr());
        assertTrue(resumed.stderr().contains("step " + done + "/3") && !resumed.stderr().contains("step " + (done - 1) + "/3"),
                "the resumed run should start at meta-step " + done + ":\n" + resumed.stderr());
        String after = HadoopFiles.readString(metrics);
        // Finished meta-steps are kept as they were, wall-clock seconds included: not recomputed.
        assertEquals(before, String.join("\n", after.lines().limit(done).toList()) + "\n");

        String whole = hdfs + "/runs/whole";
        Script.Run uninterrupted = MgdCommandTest.mgd(concat(args, "--out", whole, "--quiet"));
        assertEquals(0, uninterrupted.exit(), uninterrupted.stderr());
        assertEquals(MgdState.read(MgdLoop.statePath(whole)).z(), MgdState.read(MgdLoop.statePath(killed)).z());
        assertEquals(HadoopFiles.readString(whole + "/best-metaparameters.json"),
                HadoopFiles.readString(killed + "/best-metaparameters.json"));
    }

    @Test
    void anUnreachableNamenodeOrAReadOnlyDirectoryFailsBeforeAnyTraining() throws Exception {
        JobSpec spec = spec("digits-select.yaml", "mgd.steps=1");
        try (SparkSession spark = SparkSession.start("hdfs", "local[1]")) {
            MgdException down = assertThrows(MgdException.class,
                    () -> new MgdLoop(spec, spark, "hdfs://127.0.0.1:1/runs/x", true).start(false));
            assertTrue(down.getMessage().contains("cannot reach the filesystem of hdfs://127.0.0.1:1/runs/x"),
                    down.getMessage());

            HadoopFiles.fileSystem(HadoopFiles.path(hdfs)).mkdirs(new org.apache.hadoop.fs.Path(hdfs + "/readonly"),
                    new org.apache.hadoop.fs.permission.FsPermission((short) 0755));
            MgdException denied = org.apache.hadoop.security.UserGroupInformation.createRemoteUser("alice").doAs(
                    (java.security.PrivilegedExceptionAction<MgdException>) () -> assertThrows(MgdException.class,
                            () -> new MgdLoop(spec, spark, hdfs + "/readonly/run", true).start(false)));
            assertTrue(denied.getMessage().contains("no permission to write in " + hdfs + "/readonly/run"),
                    denied.getMessage());
        }
    }

    private static String[] mgdCommand(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = ROOT.resolve("mgd").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        return command;
    }

    private static String[] concat(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }
}
