package org.mgd.common.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgd.common.MgdException;

class CheckpointStoreTest {
    private static final Checkpoint STATE = new Checkpoint(42,
            new double[][] {{1.5, -2.25, Double.MIN_VALUE, 1e300}, {0.0, -0.0}, {}});

    private static void assertSame(Checkpoint expected, Checkpoint actual) {
        assertEquals(expected.step(), actual.step());
        assertEquals(expected.arrays().length, actual.arrays().length);
        for (int i = 0; i < expected.arrays().length; i++) {
            assertArrayEquals(expected.arrays()[i], actual.arrays()[i], 0.0);
        }
    }

    @Test
    void memoryAndFilesRoundTripExactly(@TempDir Path dir) {
        for (String location : new String[] {"memory", "local:" + dir, dir.toUri().toString()}) {
            try (CheckpointStore store = CheckpointStore.open(location)) {
                String h = store.put(STATE);
                assertSame(STATE, store.get(h));
                store.free(h);
            }
        }
        assertEquals(0, dir.toFile().listFiles(f -> !f.getName().startsWith(".")).length, "closing removes the run");
    }

    private static File onlyCheckpoint(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".ckpt")).findFirst().orElseThrow().toFile();
        }
    }

    @Test
    void truncatedOrFlippedCheckpointsAreReportedNeverLoaded(@TempDir Path dir) throws Exception {
        try (CheckpointStore store = CheckpointStore.open("local:" + dir)) {
            String h = store.put(STATE);
            File f = onlyCheckpoint(dir);
            byte[] good = Files.readAllBytes(f.toPath());
            byte[] flipped = good.clone();
            flipped[20] ^= 0x10;
            for (byte[] bad : new byte[][] {flipped, Arrays.copyOf(good, good.length - 9), Arrays.copyOf(good, 10)}) {
                Files.write(f.toPath(), bad);
                String m = assertThrows(MgdException.class, () -> store.get(h)).getMessage();
                assertTrue(m.contains("unusable") && m.contains(f.getName()), m);
            }
            Files.write(f.toPath(), good);
            assertSame(STATE, store.get(h));
        }
    }

    @Test
    void ourOwnChecksumCatchesWhatAFilesystemWithoutChecksumsLetsThrough() {
        byte[] good = FileCheckpointStore.encode(STATE);
        byte[] flipped = good.clone();
        flipped[30] ^= 0x01;
        assertTrue(assertThrows(MgdException.class, () -> FileCheckpointStore.decode(flipped, "c"))
                .getMessage().contains("checksum mismatch"));
        assertTrue(assertThrows(MgdException.class, () -> FileCheckpointStore.decode(Arrays.copyOf(good, 12), "c"))
                .getMessage().contains("truncated"));
        assertTrue(assertThrows(MgdException.class,
                () -> FileCheckpointStore.decode(Arrays.copyOf(good, good.length - 1), "c")).getMessage()
                .contains("unusable"));
        assertSame(STATE, FileCheckpointStore.decode(good, "c"));
    }

    @Test
    void noHalfWrittenFileIsEverVisible(@TempDir Path dir) throws Exception {
        try (CheckpointStore store = CheckpointStore.open("local:" + dir)) {
            store.put(STATE);
            try (var files = Files.walk(dir)) {
                assertFalse(files.anyMatch(p -> p.getFileName().toString().contains(".tmp-")));
            }
        }
    }

    @Test
    void badLocationsAreClearErrors() {
        assertThrows(MgdException.class, () -> CheckpointStore.open("disk"));
        assertThrows(MgdException.class, () -> CheckpointStore.checkSyntax("local:"));
    }
}
