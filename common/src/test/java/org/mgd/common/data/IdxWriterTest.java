package org.mgd.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgd.common.MgdException;

class IdxWriterTest {
    @TempDir
    Path dir;

    @Test
    void whatItWritesReadsBackWithinByteResolution() {
        double[] x = {0, 0.2, 0.5, 1, 0.999, 0.001, 0.3, 0.7, 0.25, 0.75, 0.1, 0.9};
        Dataset images = new Dataset(x, new int[] {7, 2}, 10, new int[] {1, 2, 3});
        String prefix = dir.resolve("poisons").toString();
        IdxWriter.write(prefix, images);
        Dataset back = IdxReader.read(prefix + "-images-idx3-ubyte", prefix + "-labels-idx1-ubyte", 10);
        assertArrayEquals(new int[] {1, 2, 3}, back.shape());
        assertArrayEquals(new int[] {7, 2}, back.labels());
        assertArrayEquals(x, back.features(), 0.5 / 255 + 1e-12);
    }

    @Test
    void flatExamplesKeepTheirShape() {
        Dataset flat = new Dataset(new double[] {0, 1, 0.5, 0.5}, new int[] {0, 1}, 2, new int[] {2});
        String prefix = dir.resolve("flat").toString();
        IdxWriter.write(prefix, flat);
        Dataset back = IdxReader.read(prefix + "-images-idx3-ubyte", prefix + "-labels-idx1-ubyte", 2);
        assertArrayEquals(new int[] {2}, back.shape());
    }

    @Test
    void featuresOutsideTheByteRangeAreRefused() {
        Dataset bad = new Dataset(new double[] {0, 1.5}, new int[] {0}, 2, new int[] {2});
        MgdException e = assertThrows(MgdException.class, () -> IdxWriter.write(dir.resolve("x").toString(), bad));
        assertTrue(e.getMessage().contains("outside the [0, 1]"), e.getMessage());
        assertEquals(0, dir.toFile().listFiles((d, n) -> !n.startsWith(".")).length, "nothing half-written");
    }
}
