package org.mgd.driver.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeedSumTest {
    private static SeedSum.Part leaf(int i, double[] g) {
        return new SeedSum.Part(i, i + 1, g, i, 2 * i, 0.5, 0.25, 10);
    }

    private static List<SeedSum.Part> leaves(int n, long seed) {
        Random r = new Random(seed);
        List<SeedSum.Part> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] g = new double[64];
            for (int j = 0; j < g.length; j++) {
                // Wildly different magnitudes: summation order shows in the last bits.
                g[j] = r.nextGaussian() * Math.pow(10, r.nextInt(17) - 8);
            }
            parts.add(leaf(i, g));
        }
        return parts;
    }

    /** Adds the leaves in the given order, split across {@code executors} partial sums merged in reverse. */
    private static SeedSum.Part sum(List<SeedSum.Part> order, int n, int executors) {
        List<SeedSum> partials = new ArrayList<>();
        for (int e = 0; e < executors; e++) {
            partials.add(new SeedSum(n));
        }
        for (int k = 0; k < order.size(); k++) {
            partials.get(k % executors).add(order.get(k));
        }
        SeedSum total = new SeedSum(n);
        for (int e = executors - 1; e >= 0; e--) {
            total.merge(partials.get(e));
        }
        return total.total();
    }

    @Test
    void theSumHasTheSameBitsWhateverTheArrivalOrder() {
        for (int n : new int[] {1, 2, 3, 5, 8, 13}) {
            List<SeedSum.Part> parts = leaves(n, n);
            SeedSum.Part reference = sum(parts, n, 1);
            for (int trial = 0; trial < 20; trial++) {
                List<SeedSum.Part> shuffled = new ArrayList<>(parts);
                Collections.shuffle(shuffled, new Random(trial));
                SeedSum.Part s = sum(shuffled, n, 1 + trial % 3);
                assertArrayEquals(reference.gradient(), s.gradient(), "n=" + n + " trial " + trial);
                assertEquals(reference.objective(), s.objective());
                assertEquals(0, s.lo());
                assertEquals(n, s.hi());
            }
        }
    }

    @Test
    void theOrderWouldShowWithoutTheTree() {
        // The premise of the class: a plain running sum does depend on the order (else the
        // test above proves nothing).
        List<SeedSum.Part> parts = leaves(8, 8);
        double forward = 0;
        double backward = 0;
        boolean differs = false;
        for (int j = 0; j < 64 && !differs; j++) {
            forward = 0;
            backward = 0;
            for (int i = 0; i < 8; i++) {
                forward += parts.get(i).gradient()[j];
                backward += parts.get(7 - i).gradient()[j];
            }
            differs = forward != backward;
        }
        assertNotEquals(forward, backward);
    }

    @Test
    void theMeanDividesBySeedCountButKeepsTheTotalCost() {
        SeedSum s = new SeedSum(2);
        s.add(leaf(1, new double[] {3, 4}));
        s.add(leaf(0, new double[] {1, 2}));
        SeedSum.Part mean = s.total().mean();
        assertArrayEquals(new double[] {2, 3}, mean.gradient());
        assertEquals(0.5, mean.objective());
        assertEquals(20, mean.gradientEvaluations());
    }

    @Test
    void aMissingSeedIsAnErrorNotASmallerMean() {
        SeedSum s = new SeedSum(3);
        s.add(leaf(0, new double[] {1}));
        s.add(leaf(2, new double[] {1}));
        assertThrows(IllegalStateException.class, s::total);
    }
}
