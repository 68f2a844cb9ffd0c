package org.mgd.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BundledDataTest {
    @Test
    void digits() {
        Dataset d = BundledData.digits();
        assertEquals(1797, d.size());
        assertEquals(64, d.featureCount());
        assertArrayEquals(new int[] {1, 8, 8}, d.shape());
        assertEquals(10, d.classes());
        double max = 0;
        for (double v : d.features()) {
            assertTrue(v >= 0 && v <= 1, "feature " + v + " outside [0,1]");
            max = Math.max(max, v);
        }
        assertEquals(1.0, max, 0.0);
        boolean[] seen = new boolean[10];
        for (int label : d.labels()) {
            seen[label] = true;
        }
        assertArrayEquals(new boolean[] {true, true, true, true, true, true, true, true, true, true}, seen);
        // First row of the file: 0,0,5,13,9,1,0,0,... label 0.
        assertEquals(5 / 16.0, d.feature(0, 2), 0.0);
        assertEquals(13 / 16.0, d.feature(0, 3), 0.0);
        assertEquals(0, d.label(0));
        assertSame(d, BundledData.digits());
    }

    @Test
    void resourceChecksum() throws Exception {
        try (InputStream in = BundledData.class.getResourceAsStream(BundledData.DIGITS_RESOURCE)) {
            assertNotNull(in);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            assertEquals("46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a",
                    HexFormat.of().formatHex(hash));
        }
    }
}
