package org.mgd.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mgd.common.data.TestFiles.bytes;
import static org.mgd.common.data.TestFiles.gzip;
import static org.mgd.common.data.TestFiles.images;
import static org.mgd.common.data.TestFiles.labels;
import static org.mgd.common.data.TestFiles.write;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgd.common.MgdException;

class DataSourcesTest {
    @TempDir
    Path dir;

    private static final byte[] PIXELS = bytes(0, 51, 102, 153, 204, 255, 255, 204, 153, 102, 51, 0);

    @Test
    void acceptedForms() {
        for (String s : new String[] {"bundled:digits", "idx:data/mnist/train", "idx:hdfs://nn:8020/d/train",
                "csv:data/sklearn/iris.csv", "csv:file:///tmp/x.csv"}) {
            assertDoesNotThrow(() -> DataSources.checkSyntax(s), s);
        }
    }

    private static void rejects(String source, String... parts) {
        MgdException e = assertThrows(MgdException.class, () -> DataSources.checkSyntax(source));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "\"" + e.getMessage() + "\" lacks \"" + part + "\"");
        }
    }

    @Test
    void rejectedForms() {
        rejects("mnist", "unknown data source \"mnist\"", "bundled:digits", "idx:PREFIX", "csv:PATH");
        rejects("http://example.org/x", "unknown data source");
        rejects("data/iris.csv", "did you mean csv:data/iris.csv");
        rejects("bundled:iris", "unknown bundled dataset \"iris\"", "bundled:digits");
        rejects("idx:", "names no file");
        rejects("csv:  ", "names no file");
        rejects("", "empty data source");
        rejects(null, "empty data source");
    }

    @Test
    void loadsIdxByPrefixRawOrGzipped() {
        write(dir.resolve("a-images-idx3-ubyte"), images(2, 2, 3, PIXELS));
        write(dir.resolve("a-labels-idx1-ubyte"), labels(bytes(1, 0)));
        write(dir.resolve("b-images-idx3-ubyte.gz"), gzip(images(2, 2, 3, PIXELS)));
        write(dir.resolve("b-labels-idx1-ubyte.gz"), gzip(labels(bytes(1, 0))));

        Dataset a = DataSources.load("idx:" + dir.resolve("a"), null, null);
        Dataset b = DataSources.load("idx:" + dir.resolve("b").toUri(), null, 10);
        assertArrayEquals(a.features(), b.features(), 0.0);
        assertArrayEquals(new int[] {1, 2, 3}, a.shape());
        assertEquals(2, a.classes());
        assertEquals(10, b.classes());
        assertEquals(0.2, a.feature(0, 1), 1e-12);
    }

    @Test
    void missingIdxFilesNameBothCandidates() {
        MgdException e = assertThrows(MgdException.class,
                () -> DataSources.load("idx:" + dir.resolve("none"), null, null));
        assertTrue(e.getMessage().contains("none-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains(".gz"), e.getMessage());
    }

    @Test
    void loadsCsvWithOptionsAndClassOverride() {
        String f = write(dir.resolve("t.csv"), "label,x,y\n2,10,5\n0,0,20\n");
        CsvOptions opts = new CsvOptions(0, true, 20.0, null);
        Dataset d = DataSources.load("csv:" + f, opts, null);
        assertArrayEquals(new double[] {0.5, 0.25, 0, 1}, d.features(), 0.0);
        assertEquals(3, d.classes());
        assertEquals(7, DataSources.load("csv:" + f, opts, 7).classes());
    }

    @Test
    void cachesPerSourceAndOptions() {
        String f = write(dir.resolve("c.csv"), "1,1\n0,0\n");
        Dataset first = DataSources.load("csv:" + f, null, null);
        assertSame(first, DataSources.load("csv:" + f, CsvOptions.DEFAULTS, null));
        assertNotSame(first, DataSources.load("csv:" + f, new CsvOptions(-1, false, 2.0, null), null));
        DataSources.clearCache();
        assertNotSame(first, DataSources.load("csv:" + f, null, null));
    }

    @Test
    void bundledDigits() {
        assertSame(BundledData.digits(), DataSources.load("bundled:digits", null, null));
        assertEquals(12, DataSources.load("bundled:digits", null, 12).classes());
        assertThrows(MgdException.class, () -> DataSources.load("bundled:digits", null, 5));
    }
}
