package org.mgd.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mgd.common.data.TestFiles.gzip;
import static org.mgd.common.data.TestFiles.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgd.common.MgdException;

class CsvReaderTest {
    @TempDir
    Path dir;

    private static final CsvOptions LABEL_FIRST = new CsvOptions(0, false, null, null);

    private String csv(String name, String text) {
        return write(dir.resolve(name), text);
    }

    @Test
    void roundTripLabelLastWithAutoScale() {
        String f = csv("t.csv", "0, 2, 1\n4,1 ,0\n\n  \n3,3,2\n");
        Dataset d = CsvReader.read(f, CsvOptions.DEFAULTS);
        assertEquals(3, d.size());
        assertArrayEquals(new int[] {2}, d.shape());
        assertArrayEquals(new int[] {1, 0, 2}, d.labels());
        assertEquals(3, d.classes());
        // The largest feature is 4, so everything is divided by 4.
        assertArrayEquals(new double[] {0, 0.5, 1, 0.25, 0.75, 0.75}, d.features(), 1e-12);
    }

    @Test
    void autoScaleLeavesUnitRangeDataAlone() {
        Dataset d = CsvReader.read(csv("u.csv", "0.5,0.25,1\n0,1,0\n"), CsvOptions.DEFAULTS);
        assertArrayEquals(new double[] {0.5, 0.25, 0, 1}, d.features(), 0.0);
    }

    @Test
    void labelFirst() {
        Dataset d = CsvReader.read(csv("f.csv", "1,0.5,0.25\n0,1,0\n"), LABEL_FIRST);
        assertArrayEquals(new int[] {1, 0}, d.labels());
        assertArrayEquals(new double[] {0.5, 0.25, 1, 0}, d.features(), 0.0);
    }

    @Test
    void labelInTheMiddleByNegativeIndex() {
        Dataset d = CsvReader.read(csv("m.csv", "0.1,2,0.3\n"), new CsvOptions(-2, false, null, null));
        assertArrayEquals(new int[] {2}, d.labels());
        assertArrayEquals(new double[] {0.1, 0.3}, d.features(), 0.0);
    }

    @Test
    void headerIsSkipped() {
        Dataset d = CsvReader.read(csv("h.csv", "150,4,setosa\n0.5,0.5,1\n"), new CsvOptions(-1, true, null, null));
        assertEquals(1, d.size());
        assertEquals(1, d.label(0));
    }

    @Test
    void gzipIsDetectedByContent() {
        byte[] gz = gzip("8,16,1\n0,4,0\n".getBytes(StandardCharsets.UTF_8));
        Dataset d = CsvReader.read(write(dir.resolve("data.csv"), gz), CsvOptions.DEFAULTS);
        assertArrayEquals(new double[] {0.5, 1, 0, 0.25}, d.features(), 0.0);
    }

    @Test
    void explicitScaleAndClasses() {
        Dataset d = CsvReader.read(csv("s.csv", "255,51,1\n"), new CsvOptions(-1, false, 255.0, 5));
        assertArrayEquals(new double[] {1, 0.2}, d.features(), 1e-12);
        assertEquals(5, d.classes());
    }

    @Test
    void floatLabelsThatAreIntegersAreAccepted() {
        assertEquals(2, CsvReader.read(csv("fl.csv", "0,2.0\n"), CsvOptions.DEFAULTS).label(0));
    }

    private MgdException fails(String text, CsvOptions options) {
        String f = csv("bad.csv", text);
        return assertThrows(MgdException.class, () -> CsvReader.read(f, options));
    }

    private static void assertMessage(MgdException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "\"" + e.getMessage() + "\" lacks \"" + part + "\"");
        }
    }

    @Test
    void raggedRow() {
        assertMessage(fails("1,2,0\n\n1,2,3,0\n", CsvOptions.DEFAULTS),
                "bad.csv", "line 3", "has 4 columns, expected 3");
    }

    @Test
    void nonNumericValue() {
        assertMessage(fails("1,2,0\n1,abc,0\n", CsvOptions.DEFAULTS),
                "bad.csv", "line 2", "column 2", "non-numeric value \"abc\"");
    }

    @Test
    void headerLineWithoutHeaderOptionGetsAHint() {
        assertMessage(fails("sepal,petal,species\n1,2,0\n", CsvOptions.DEFAULTS),
                "bad.csv", "line 1", "\"species\"", "set header: true");
    }

    @Test
    void nanAndInfinity() {
        assertMessage(fails("1,NaN,0\n", CsvOptions.DEFAULTS), "bad.csv", "line 1", "column 2", "NaN");
        assertMessage(fails("h\nInfinity,1,0\n", new CsvOptions(-1, true, null, null)),
                "bad.csv", "line 2", "column 1", "infinite");
    }

    @Test
    void badLabels() {
        assertMessage(fails("1,2,1.5\n", CsvOptions.DEFAULTS), "bad.csv", "line 1", "label \"1.5\"", "non-negative integer");
        assertMessage(fails("1,2,0\n1,2,-1\n", CsvOptions.DEFAULTS), "line 2", "label \"-1\"");
        assertMessage(fails("1,2,cat\n", CsvOptions.DEFAULTS), "line 1", "label \"cat\"");
    }

    @Test
    void labelOutOfRange() {
        assertMessage(fails("1,2,0\n1,2,3\n", new CsvOptions(-1, false, null, 3)),
                "bad.csv", "line 2", "label 3", "out of range", "3 classes");
    }

    @Test
    void labelColumnOutsideRow() {
        assertMessage(fails("1,2,0\n", new CsvOptions(3, false, null, null)), "bad.csv", "line 1", "label column 3");
        assertMessage(fails("1,2,0\n", new CsvOptions(-4, false, null, null)), "label column -4");
    }

    @Test
    void negativeFeature() {
        assertMessage(fails("1,-0.5,0\n", CsvOptions.DEFAULTS), "bad.csv", "line 1", "column 2", "must be >= 0");
    }

    @Test
    void featureAboveExplicitScale() {
        assertMessage(fails("1,300,0\n", new CsvOptions(-1, false, 255.0, null)),
                "bad.csv", "line 1", "column 2", "above feature_scale");
    }

    @Test
    void noRows() {
        assertMessage(fails("", CsvOptions.DEFAULTS), "bad.csv", "no data rows");
        assertMessage(fails("\n \n", CsvOptions.DEFAULTS), "no data rows");
        assertMessage(fails("a,b,label\n", new CsvOptions(-1, true, null, null)), "no data rows after the header");
    }

    @Test
    void invalidOptions() {
        assertThrows(MgdException.class, () -> new CsvOptions(-1, false, 0.0, null));
        assertThrows(MgdException.class, () -> new CsvOptions(-1, false, Double.NaN, null));
        assertThrows(MgdException.class, () -> new CsvOptions(-1, false, null, 0));
    }
}
