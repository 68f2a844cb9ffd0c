package org.mgd.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mgd.common.data.TestFiles.bytes;
import static org.mgd.common.data.TestFiles.gzip;
import static org.mgd.common.data.TestFiles.images;
import static org.mgd.common.data.TestFiles.labels;
import static org.mgd.common.data.TestFiles.write;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgd.common.MgdException;

class IdxReaderTest {
    @TempDir
    Path dir;

    // Two 2x3 images; pixel values chosen to include 0 and 255.
    private static final byte[] PIXELS = bytes(0, 1, 2, 127, 128, 255, 255, 10, 20, 30, 40, 0);

    private void assertPair(Dataset d) {
        assertEquals(2, d.size());
        assertEquals(6, d.featureCount());
        assertArrayEquals(new int[] {1, 2, 3}, d.shape());
        assertArrayEquals(new int[] {3, 1}, d.labels());
        assertEquals(4, d.classes());
        double[] expected = new double[PIXELS.length];
        for (int i = 0; i < PIXELS.length; i++) {
            expected[i] = (PIXELS[i] & 0xff) / 255.0;
        }
        assertArrayEquals(expected, d.features(), 0.0);
    }

    @Test
    void readsRawPair() {
        String img = write(dir.resolve("x-images-idx3-ubyte"), images(2, 2, 3, PIXELS));
        String lab = write(dir.resolve("x-labels-idx1-ubyte"), labels(bytes(3, 1)));
        assertPair(IdxReader.read(img, lab, null));
    }

    @Test
    void readsGzipByContentNotByName() {
        // Deliberately no ".gz" suffix on one of them: detection is by the gzip magic bytes.
        String img = write(dir.resolve("x-images-idx3-ubyte"), gzip(images(2, 2, 3, PIXELS)));
        String lab = write(dir.resolve("x-labels-idx1-ubyte.gz"), gzip(labels(bytes(3, 1))));
        assertPair(IdxReader.read(img, lab, null));
    }

    @Test
    void aRangeIsExactlyThoseExamplesOfTheWholeFile() {
        byte[] pixels = new byte[7 * 6];
        byte[] ys = new byte[7];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 37);
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = (byte) (i % 4);
        }
        for (boolean gz : new boolean[] {false, true}) {
            String img = write(dir.resolve("r-images" + gz), gz ? gzip(images(7, 2, 3, pixels)) : images(7, 2, 3, pixels));
            String lab = write(dir.resolve("r-labels" + gz), gz ? gzip(labels(ys)) : labels(ys));
            Dataset all = IdxReader.read(img, lab, 4);
            assertEquals(7, IdxReader.count(img));
            for (int[] r : new int[][] {{0, 7}, {2, 5}, {6, 7}, {3, 3}}) {
                Dataset slice = IdxReader.readRange(img, lab, r[0], r[1], 4);
                Dataset expected = all.select(java.util.stream.IntStream.range(r[0], r[1]).toArray());
                assertArrayEquals(expected.features(), slice.features(), 0.0);
                assertArrayEquals(expected.labels(), slice.labels());
                assertArrayEquals(all.shape(), slice.shape());
            }
            assertMessage(assertThrows(MgdException.class, () -> IdxReader.readRange(img, lab, 5, 9, 4)),
                    "cannot read examples [5, 9) of 7");
        }
    }

    @Test
    void twoDimensionalFileGivesFlatShape() {
        String img = write(dir.resolve("v"), TestFiles.idx(0x00000802, new int[] {2, 6}, PIXELS));
        String lab = write(dir.resolve("l"), labels(bytes(3, 1)));
        Dataset d = IdxReader.read(img, lab, null);
        assertArrayEquals(new int[] {6}, d.shape());
    }

    @Test
    void explicitClasses() {
        String img = write(dir.resolve("i"), images(2, 2, 3, PIXELS));
        String lab = write(dir.resolve("l"), labels(bytes(3, 1)));
        assertEquals(10, IdxReader.read(img, lab, 10).classes());
    }

    private MgdException fails(String images, String labels, Integer classes) {
        return assertThrows(MgdException.class, () -> IdxReader.read(images, labels, classes));
    }

    private static void assertMessage(MgdException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "\"" + e.getMessage() + "\" lacks \"" + part + "\"");
        }
    }

    @Test
    void labelsFileGivenAsImagesIsBadMagic() {
        String lab = write(dir.resolve("swapped-labels"), labels(bytes(3, 1)));
        MgdException e = fails(lab, lab, null);
        assertMessage(e, "swapped-labels", "bad magic number 0x00000801", "expected 0x00000803");
    }

    @Test
    void textFileIsBadMagic() {
        String txt = write(dir.resolve("notes.txt"), "hello, world\n");
        String lab = write(dir.resolve("l"), labels(bytes(3, 1)));
        assertMessage(fails(txt, lab, null), "notes.txt", "bad magic number 0x68656C6C", "expected 0x00000803");
    }

    @Test
    void truncatedData() {
        byte[] full = images(2, 2, 3, PIXELS);
        String img = write(dir.resolve("short-images"), Arrays.copyOf(full, full.length - 5));
        String lab = write(dir.resolve("l"), labels(bytes(3, 1)));
        assertMessage(fails(img, lab, null), "short-images", "truncated", "expected 12 bytes of data", "found 7");
    }

    @Test
    void truncatedGzip() {
        byte[] gz = gzip(images(2, 2, 3, PIXELS));
        String img = write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length - 12));
        String lab = write(dir.resolve("l"), labels(bytes(3, 1)));
        assertMessage(fails(img, lab, null), "cut.gz", "truncated");
    }

    @Test
    void truncatedHeader() {
        String img = write(dir.resolve("hdr"), bytes(0, 0, 8, 3, 0, 0, 0, 2));
        String lab = write(dir.resolve("l"), labels(bytes(3, 1)));
        assertMessage(fails(img, lab, null), "hdr", "truncated", "3 dimensions");
    }

    @Test
    void countMismatch() {
        String img = write(dir.resolve("imgs"), images(2, 2, 3, PIXELS));
        String lab = write(dir.resolve("labs"), labels(bytes(3, 1, 2)));
        assertMessage(fails(img, lab, null), "imgs", "labs", "2 images", "3 labels");
    }

    @Test
    void labelOutOfRange() {
        String img = write(dir.resolve("i"), images(2, 2, 3, PIXELS));
        String lab = write(dir.resolve("labs"), labels(bytes(3, 1)));
        assertMessage(fails(img, lab, 3), "labs", "label 3 of example 0", "out of range", "3 classes");
    }

    @Test
    void emptyFile() {
        String img = write(dir.resolve("empty-images"), new byte[0]);
        String lab = write(dir.resolve("l"), labels(bytes(3, 1)));
        assertMessage(fails(img, lab, null), "empty-images", "empty file");
    }

    @Test
    void unsupportedDataType() {
        // 0x0D = 32-bit float in the IDX type table.
        String img = write(dir.resolve("floats"), TestFiles.idx(0x00000D03, new int[] {2, 2, 3}, PIXELS));
        String lab = write(dir.resolve("l"), labels(bytes(3, 1)));
        assertMessage(fails(img, lab, null), "floats", "unsupported data type 0x0D");
    }

    @Test
    void trailingBytes() {
        byte[] full = images(2, 2, 3, PIXELS);
        String img = write(dir.resolve("long"), Arrays.copyOf(full, full.length + 3));
        String lab = write(dir.resolve("l"), labels(bytes(3, 1)));
        assertMessage(fails(img, lab, null), "long", "more data than the header declares");
    }

    @Test
    void missingFile() {
        String lab = write(dir.resolve("l"), labels(bytes(3, 1)));
        String missing = dir.resolve("nope").toString();
        assertMessage(fails(missing, lab, null), "file not found", "nope");
    }
}
