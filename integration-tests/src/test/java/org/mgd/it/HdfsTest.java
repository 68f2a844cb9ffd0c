package org.mgd.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        hdfs = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
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

    private static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
