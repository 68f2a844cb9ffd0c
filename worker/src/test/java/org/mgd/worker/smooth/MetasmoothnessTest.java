package org.mgd.worker.smooth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The score itself, on hand-made parameter vectors (no training). */
class MetasmoothnessTest {
    private static final double[] T0 = {0.0, 1.0, -2.0, 0.5};

    @Test
    void movingOnTheSameWayScoresOne() {
        double[] th = {0.1, 1.2, -2.3, 0.5};
        double[] t2h = {0.2, 1.4, -2.6, 0.5};
        assertEquals(1.0, Metasmoothness.score(T0, th, t2h), 0.0);
        // Uneven halves still agree in sign everywhere.
        assertEquals(1.0, Metasmoothness.score(T0, new double[] {0.01, 1.3, -2.1, 0.5}, t2h), 0.0);
    }

    @Test
    void reversingEverywhereScoresMinusOne() {
        double[] th = {0.3, 1.5, -2.9, 0.6};
        double[] t2h = {0.2, 1.4, -2.6, 0.55};
        assertEquals(-1.0, Metasmoothness.score(T0, th, t2h), 0.0);
    }

    @Test
    void coordinatesAreWeightedByHowFarTheyMovedInAll() {
        // Coordinate 0 moves 3 and agrees; coordinate 1 moves 1 and reverses: (3 - 1) / 4.
        double[] t0 = {0, 0};
        double[] th = {1, 2};
        double[] t2h = {3, 1};
        assertEquals(0.5, Metasmoothness.score(t0, th, t2h), 1e-15);
        // A coordinate that went out and came back exactly (d = 0) has no weight.
        assertEquals(1.0, Metasmoothness.score(new double[] {0, 0}, new double[] {1, 5}, new double[] {2, 0}), 0.0);
    }

    @Test
    void aHalfStepThatDoesNotMoveScoresZeroThere() {
        // sign(0) = 0: the coordinate counts in the weights but agrees with nothing.
        assertEquals(0.0, Metasmoothness.score(new double[] {0}, new double[] {0}, new double[] {1}), 0.0);
    }

    @Test
    void alwaysWithinMinusOneAndOne() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            double[][] t = new double[3][13];
            for (double[] x : t) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.nextDouble(-1, 1);
                }
            }
            double s = Metasmoothness.score(t[0], t[1], t[2]);
            assertTrue(s >= -1 && s <= 1, "score " + s);
        }
    }

    @Test
    void nothingMovedIsNaNAndMismatchedLengthsAreAnError() {
        assertTrue(Double.isNaN(Metasmoothness.score(T0, T0.clone(), T0.clone())));
        assertThrows(IllegalArgumentException.class, () -> Metasmoothness.score(T0, T0, new double[] {1}));
    }

    @Test
    void summaryHasMeanSampleStdMinMax() {
        Metasmoothness.Summary s = Metasmoothness.Summary.of(new double[] {1.0, 0.5, 0.0});
        assertEquals(0.5, s.mean(), 1e-15);
        assertEquals(0.5, s.std(), 1e-15);
        assertEquals(0.0, s.min(), 0.0);
        assertEquals(1.0, s.max(), 0.0);
        assertEquals(3, s.count());
        assertEquals(0.0, Metasmoothness.Summary.of(new double[] {0.7}).std(), 0.0);
    }
}
