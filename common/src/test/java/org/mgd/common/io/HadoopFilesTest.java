package org.mgd.common.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.hdfs.DFSInotifyEventInputStream;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.client.HdfsAdmin;
import org.apache.hadoop.hdfs.inotify.Event;
import org.apache.hadoop.hdfs.inotify.EventBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgd.common.MgdException;
import org.mgd.common.data.DataSources;
import org.mgd.common.data.MiniHdfs;

/** Atomic writes replace a file in one rename, on a local disk and on a real HDFS, and leave nothing behind. */
class HadoopFilesTest {
    @TempDir
    static Path base;

    private static MiniDFSCluster cluster;

    @BeforeAll
    static void startHdfs() throws Exception {
        cluster = MiniHdfs.start(base.resolve("hdfs"));
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    @Test
    void overwritesOnHdfsWithoutLeavingTemporaryFiles() throws Exception {
        String file = MiniHdfs.uri(cluster, "/runs/a/state.json");
        HadoopFiles.writeString(file, "first");
        HadoopFiles.writeString(file, "second, longer");
        assertEquals("second, longer", HadoopFiles.readString(file));
        FileSystem fs = cluster.getFileSystem();
        assertEquals(1, fs.listStatus(new org.apache.hadoop.fs.Path("/runs/a")).length, "only state.json is left");
    }

    @Test
    void anHdfsOverwriteIsOneRenameThatNeverLeavesTheTargetMissing() throws Exception {
        String file = MiniHdfs.uri(cluster, "/runs/b/state.json");
        HadoopFiles.writeString(file, "first");
        // The namenode's own record of what happened (its inotify stream, read from the edit log).
        HdfsAdmin admin = new HdfsAdmin(cluster.getURI(), cluster.getConfiguration(0));
        long from = cluster.getNameNode().getNamesystem().getEditLog().getLastWrittenTxId();
        DFSInotifyEventInputStream events = admin.getInotifyEventStream(from);
        HadoopFiles.writeString(file, "second");
        List<String> seen = new ArrayList<>();
        EventBatch batch;
        while ((batch = events.poll(2, TimeUnit.SECONDS)) != null) {
            for (Event e : batch.getEvents()) {
                if (e instanceof Event.RenameEvent r) {
                    seen.add("rename to " + r.getDstPath());
                } else if (e instanceof Event.UnlinkEvent u) {
                    seen.add("delete " + u.getPath());
                }
            }
        }
        assertEquals(List.of("rename to /runs/b/state.json"), seen);
    }

    @Test
    void overwritesLocalFilesWithoutChecksumSidecarsThatCouldGoStale() throws Exception {
        Path dir = Files.createDirectories(base.resolve("local"));
        String file = dir.resolve("state.json").toUri().toString();
        // A file written the checksummed way, as Hadoop's local filesystem does by default, with its .crc.
        LocalFileSystem checksummed = FileSystem.getLocal(new Configuration());
        try (OutputStream out = checksummed.create(new org.apache.hadoop.fs.Path(file), true)) {
            out.write("old".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(2, count(dir), "state.json and its .crc");
        HadoopFiles.writeString(file, "new bytes, which the old .crc would reject");
        assertEquals("new bytes, which the old .crc would reject", HadoopFiles.readString(file));
        HadoopFiles.writeAtomically(file, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, HadoopFiles.readAllBytes(file));
        assertEquals(1, count(dir), "no .crc and no temporary file left");
    }

    private static long count(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void aMissingRelativePathSaysWhereItWasLookedFor() {
        String cwd = Path.of(System.getProperty("user.dir")).toUri().getPath();
        MgdException e = assertThrows(MgdException.class, () -> HadoopFiles.readString("no-such-dir/spec.yaml"));
        assertEquals("file not found: no-such-dir/spec.yaml (a relative path, looked for as file:" + cwd
                + "no-such-dir/spec.yaml; executors on a cluster resolve it in their own working directories: give an"
                + " absolute path every node can read, or an hdfs:// URI)", e.getMessage());
        e = assertThrows(MgdException.class, () -> DataSources.load("idx:no-such-dir/train", null, null));
        assertTrue(e.getMessage().contains("needed by data source \"idx:no-such-dir/train\" (a relative path, looked for as"
                + " file:" + cwd + "no-such-dir/train-images-idx3-ubyte"), e.getMessage());
        for (String absolute : List.of("/no/such/file", "file:/no/such/file", "hdfs://nn:8020/x", "s3a://bucket/x")) {
            assertEquals("", HadoopFiles.relativePathNote(absolute), absolute);
        }
    }
}
