package org.mgd.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mgd.common.data.TestFiles.bytes;
import static org.mgd.common.data.TestFiles.gzip;
import static org.mgd.common.data.TestFiles.images;
import static org.mgd.common.data.TestFiles.labels;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads datasets through hdfs:// URIs from a real single-node HDFS. */
class HdfsDataSourcesTest {
    @TempDir
    static Path base;

    private static MiniDFSCluster cluster;
    private static String root;

    @BeforeAll
    static void startHdfs() throws Exception {
        cluster = MiniHdfs.start(base);
        root = MiniHdfs.uri(cluster, "/data");
    }

    @AfterAll
    static void stopHdfs() {
        DataSources.clearCache();
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    private static void put(String name, byte[] bytes) throws Exception {
        FileSystem fs = cluster.getFileSystem();
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/data/" + name))) {
            out.write(bytes);
        }
    }

    @Test
    void readsIdxAndCsvFromHdfs() throws Exception {
        byte[] pixels = bytes(0, 51, 102, 153, 204, 255, 255, 204, 153, 102, 51, 0);
        put("set-images-idx3-ubyte", images(2, 2, 3, pixels));
        put("set-labels-idx1-ubyte.gz", gzip(labels(bytes(1, 0))));
        put("table.csv", "a,b,label\n2,4,1\n4,0,0\n".getBytes(StandardCharsets.UTF_8));

        Dataset idx = DataSources.load("idx:" + root + "/set", null, null);
        assertEquals(2, idx.size());
        assertArrayEquals(new int[] {1, 2, 3}, idx.shape());
        assertArrayEquals(new int[] {1, 0}, idx.labels());
        assertEquals(0.6, idx.feature(0, 3), 1e-12);

        Dataset csv = DataSources.load("csv:" + root + "/table.csv", new CsvOptions(-1, true, null, null), null);
        assertArrayEquals(new double[] {0.5, 1, 1, 0}, csv.features(), 0.0);
        assertArrayEquals(new int[] {1, 0}, csv.labels());
    }

    @Test
    void specsMetaparametersAndOutputsLiveOnHdfsToo() throws Exception {
        String spec = root + "/jobs/spec.yaml";
        org.mgd.common.io.HadoopFiles.writeString(spec,
                "name: on-hdfs\ndata: {source: bundled:digits, split: {train: 10, target: 5, test: 5}}\n");
        assertEquals("on-hdfs", org.mgd.common.spec.SpecLoader.load(spec, java.util.List.of()).name());

        String meta = root + "/runs/w.json";
        org.mgd.common.meta.Metaparameters w = org.mgd.common.meta.Metaparameters.dataWeights(new double[] {1, 0.5});
        w.write(meta);
        w.write(meta); // replacing an existing file is atomic too
        assertEquals(w, org.mgd.common.meta.Metaparameters.read(meta));
        FileSystem fs = cluster.getFileSystem();
        org.apache.hadoop.fs.FileStatus[] files = fs.listStatus(new org.apache.hadoop.fs.Path("/data/runs"));
        assertEquals(1, files.length, "no temporary files are left behind");
    }
}
