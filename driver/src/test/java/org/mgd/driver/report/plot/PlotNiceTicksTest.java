package org.mgd.driver.report.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlotNiceTicksTest {

    @Test
    void linearTicksAreOneTwoFiveMultiples() {
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, NiceTicks.linear(0, 1, 6), 1e-12);
        assertArrayEquals(new String[] {"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"},
                NiceTicks.linearLabels(NiceTicks.linear(0, 1, 6)));
        assertEquals(50, NiceTicks.step(180, 5), 1e-12);
        assertEquals(0.05, NiceTicks.step(0.3, 8), 1e-12);
        assertArrayEquals(new String[] {"-10", "0", "10", "20"}, NiceTicks.linearLabels(NiceTicks.linear(-13, 24, 5)));
    }

    @Test
    void ticksNeverExceedTheRequestedCount() {
        for (int n = 2; n <= 10; n++) {
            for (double range : new double[] {1e-6, 0.37, 1, 7.3, 123, 98765}) {
                double[] t = NiceTicks.linear(-range / 3, range, n);
                assertTrue(t.length <= n && t.length >= 1, n + " ticks over " + range + ": " + t.length);
            }
        }
    }

    @Test
    void extremeMagnitudesUseCompactScientificLabels() {
        assertArrayEquals(new String[] {"0", "2e-5", "4e-5"}, NiceTicks.linearLabels(new double[] {0, 2e-5, 4e-5}));
        assertEquals("1.5e6", NiceTicks.scientific(1.5e6));
        assertEquals("-3e-7", NiceTicks.scientific(-3e-7));
    }

    @Test
    void logTicksArePowersOfTenOrDenserWhenThereIsRoom() {
        assertArrayEquals(new double[] {1e-4, 1e-3, 1e-2, 1e-1, 1}, NiceTicks.log(1e-4, 1, 6), 1e-15);
        assertArrayEquals(new double[] {1, 2, 5, 10, 20, 50, 100}, NiceTicks.log(1, 100, 8), 1e-12);
        double[] many = NiceTicks.log(1e-12, 1e12, 6);
        assertTrue(many.length <= 6 && many.length >= 2);
        assertArrayEquals(new String[] {"1e-4", "1e-3", "1e-2", "1e-1", "1e0", "1e1"},
                NiceTicks.logLabels(new double[] {1e-4, 1e-3, 1e-2, 0.1, 1, 10}));
        assertArrayEquals(new String[] {"0.01", "0.1", "1", "10", "100"},
                NiceTicks.logLabels(new double[] {1e-2, 0.1, 1, 10, 100}));
        // Narrower than a decade: linear nice values still give more than one tick.
        assertTrue(NiceTicks.log(0.3, 0.9, 6).length >= 2);
    }
}
