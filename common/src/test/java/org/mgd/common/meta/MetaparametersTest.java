package org.mgd.common.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgd.common.MgdException;

class MetaparametersTest {

    @Test
    void filesRoundTripExactly(@TempDir Path dir) {
        Metaparameters w = Metaparameters.dataWeights(new double[] {1.0, 0.1 + 0.2, 1e-300, 0});
        String f = dir.resolve("w.json").toString();
        w.write(f);
        assertEquals(w, Metaparameters.read(f));
        Metaparameters x = Metaparameters.inputs(new int[] {4, 2}, new double[] {0, 0.5, 1, 0.25});
        x.write(f);
        assertEquals(x, Metaparameters.read(f));
    }

    @Test
    void inputsMayBeGivenAsRows() {
        Metaparameters m = Metaparameters.parse("{\"kind\":\"inputs\",\"indices\":[1,3],\"values\":[[0,1],[0.5,0.5]]}", "m");
        assertArrayEquals(new double[] {0, 1, 0.5, 0.5}, m.values());
        m.checkFits(5, 2);
    }

    @Test
    void badFilesGiveClearErrors() {
        assertMessage("{\"kind\":\"weights\",\"values\":[1]}", "'kind' must be one of");
        assertMessage("{\"kind\":\"data_weights\",\"values\":[]}", "non-empty list");
        assertMessage("{\"kind\":\"data_weights\",\"values\":[1,\"a\"]}", "values[1] is not a finite number");
        assertMessage("{\"kind\":\"data_weights\",\"values\":[1],\"extra\":2}", "unknown key 'extra'");
        assertMessage("{\"kind\":\"lr_schedule\",\"values\":[1],\"indices\":[0]}", "only belongs to kind inputs");
        assertMessage("not json", "not valid JSON");
    }

    @Test
    void misfitsAreNamed() {
        assertFits(Metaparameters.dataWeights(new double[3]), "has 3 values but the training split has 4");
        assertFits(Metaparameters.lrSchedule(new double[] {1}), "at least 2 knots");
        assertFits(Metaparameters.lrSchedule(new double[] {1, -1}), ">= 0");
        assertFits(Metaparameters.inputs(new int[] {9}, new double[] {0, 0}), "outside the training split");
        assertFits(Metaparameters.inputs(new int[] {1, 1}, new double[] {0, 0, 0, 0}), "appears twice");
        assertFits(Metaparameters.inputs(new int[] {1}, new double[] {0, 0, 0}), "expected 1 x 2 features");
    }

    private static void assertMessage(String json, String expected) {
        String m = assertThrows(MgdException.class, () -> Metaparameters.parse(json, "m.json")).getMessage();
        assertTrue(m.contains(expected) && m.startsWith("m.json"), m);
    }

    private static void assertFits(Metaparameters m, String expected) {
        String msg = assertThrows(MgdException.class, () -> m.checkFits(4, 2)).getMessage();
        assertTrue(msg.contains(expected), msg);
    }
}
