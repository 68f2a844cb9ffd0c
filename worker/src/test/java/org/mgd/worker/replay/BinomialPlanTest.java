package org.mgd.worker.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BinomialPlanTest {

    /** The recursion exactly as specified, with no speedups, as the reference. */
    private static long[][] bruteForce(int maxSteps, int slots) {
        long[][] f = new long[maxSteps + 1][slots + 1];
        for (int n = 1; n <= maxSteps; n++) {
            f[n][0] = (long) n * (n - 1) / 2;
        }
        for (int s = 1; s <= slots; s++) {
            for (int n = 2; n <= maxSteps; n++) {
                long best = Long.MAX_VALUE;
                for (int m = 1; m < n; m++) {
                    best = Math.min(best, m + f[n - m][s - 1] + f[m][s]);
                }
                f[n][s] = best;
            }
        }
        return f;
    }

    private static long binomial(int a, int b) {
        if (b < 0 || b > a) {
            return 0;
        }
        int k = Math.min(b, a - b);
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = Math.multiplyExact(r, a - k + i) / i;
        }
        return r;
    }

    /** Griewank's minimal forward-step count with c = s + 1 checkpoints (the held state is one). */
    private static long griewank(int n, int s) {
        int c = s + 1;
        int r = 0;
        while (binomial(c + r, c) < n) {
            r++;
        }
        return (long) r * n - binomial(c + r, c + 1);
    }

    private static void assertSplitAttains(BinomialPlan plan, int n, int s) {
        int m = plan.split(n, s);
        assertTrue(m >= 1 && m < n, "split(" + n + "," + s + ") = " + m);
        assertEquals(plan.forwardSteps(n, s),
                m + plan.forwardSteps(n - m, s - 1) + plan.forwardSteps(m, s),
                "split(" + n + "," + s + ") = " + m + " is not optimal");
    }

    @Test
    void matchesBruteForceDpAndSplitsAttainIt() {
        int maxN = 80;
        int maxS = 6;
        long[][] ref = bruteForce(maxN, maxS);
        BinomialPlan plan = new BinomialPlan(maxN, maxS);
        for (int s = 0; s <= maxS; s++) {
            for (int n = 1; n <= maxN; n++) {
                assertEquals(ref[n][s], plan.forwardSteps(n, s), "F(" + n + "," + s + ")");
                if (n >= 2 && s >= 1) {
                    assertSplitAttains(plan, n, s);
                }
            }
        }
        assertEquals(ref[maxN][maxS], plan.totalForwardSteps());
    }

    @Test
    void matchesGriewankClosedFormAtFullSizeAndEverySplitIsOptimal() {
        long t0 = System.nanoTime();
        BinomialPlan plan = new BinomialPlan(4000, 130);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("BinomialPlan(4000, 130) built in " + millis + " ms");
        assertTrue(millis < 2000, "construction took " + millis + " ms");
        for (int s = 0; s <= 130; s++) {
            for (int n = 1; n <= 4000; n++) {
                assertEquals(griewank(n, s), plan.forwardSteps(n, s), "F(" + n + "," + s + ")");
                if (n >= 2 && s >= 1) {
                    assertSplitAttains(plan, n, s);
                }
            }
        }
        assertEquals(griewank(4000, 130), plan.totalForwardSteps());
    }

    /** Runs the engine's recursion on step indices only, counting forward steps and slots. */
    private static final class Simulation {
        final BinomialPlan plan;
        final int slots;
        long forward;
        int live;
        int maxLive;
        int nextToReverse;

        Simulation(BinomialPlan plan, int n, int slots) {
            this.plan = plan;
            this.slots = slots;
            this.nextToReverse = n - 1;
        }

        void reverseStep(int t) {
            assertEquals(nextToReverse, t, "steps must be reversed once each, in decreasing order");
            nextToReverse--;
        }

        // The second recursive call is a loop so that long chains of small splits cannot overflow
        // the stack; the first one nests at most `slots` deep.
        void reverse(int lo, int hi, int s) {
            while (true) {
                assertEquals(slots - live, s, "free slots bookkeeping");
                int n = hi - lo;
                if (n == 1) {
                    reverseStep(lo);
                    return;
                }
                if (s == 0) {
                    for (int t = hi - 1; t >= lo; t--) {
                        forward += t - lo;
                        reverseStep(t);
                    }
                    return;
                }
                int m = plan.split(n, s);
                assertTrue(m >= 1 && m < n, "split(" + n + "," + s + ") = " + m);
                forward += m;
                live++;
                maxLive = Math.max(maxLive, live);
                reverse(lo + m, hi, s - 1);
                live--;
                hi = lo + m;
            }
        }
    }

    @Test
    void simulatedEngineMatchesCostReversesEveryStepAndRespectsSlots() {
        int[][] cases = {{1000, 10}, {4000, 63}, {4000, 2}, {100, 0}, {1, 0}, {1, 3}, {2, 1},
            {57, 56}, {57, 200}, {4000, 1}, {4000, 130}, {333, 7}};
        for (int[] c : cases) {
            int n = c[0];
            int s = c[1];
            BinomialPlan plan = new BinomialPlan(n, s);
            Simulation sim = new Simulation(plan, n, s);
            sim.reverse(0, n, s);
            String label = "(" + n + "," + s + ")";
            assertEquals(plan.forwardSteps(n, s), sim.forward, "forward steps " + label);
            assertEquals(plan.totalForwardSteps(), sim.forward, "total " + label);
            assertEquals(-1, sim.nextToReverse, "all steps reversed " + label);
            assertEquals(0, sim.live, "slots released " + label);
            assertTrue(sim.maxLive <= s, "live slots " + sim.maxLive + " > " + s + " " + label);
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new BinomialPlan(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BinomialPlan(-5, 1));
        assertThrows(IllegalArgumentException.class, () -> new BinomialPlan(10, -1));
        BinomialPlan plan = new BinomialPlan(10, 3);
        assertThrows(IllegalArgumentException.class, () -> plan.split(1, 1));
        assertThrows(IllegalArgumentException.class, () -> plan.split(11, 1));
        assertThrows(IllegalArgumentException.class, () -> plan.split(5, 0));
        assertThrows(IllegalArgumentException.class, () -> plan.split(5, 4));
        assertThrows(IllegalArgumentException.class, () -> plan.forwardSteps(0, 1));
        assertThrows(IllegalArgumentException.class, () -> plan.forwardSteps(11, 1));
        assertThrows(IllegalArgumentException.class, () -> plan.forwardSteps(5, -1));
        assertThrows(IllegalArgumentException.class, () -> plan.forwardSteps(5, 4));
    }

    @Test
    void knownSanityValues() {
        BinomialPlan plan = new BinomialPlan(100, 120);
        for (int n = 1; n <= 100; n++) {
            for (int s = Math.max(0, n - 1); s <= 120; s++) {
                assertEquals(n - 1, plan.forwardSteps(n, s), "store-all F(" + n + "," + s + ")");
            }
            assertEquals((long) n * (n - 1) / 2, plan.forwardSteps(n, 0));
        }
        assertTrue(plan.forwardSteps(100, 1) < 100 * 100 / 2, "F(100,1) = " + plan.forwardSteps(100, 1));
        assertEquals(0, new BinomialPlan(1, 0).totalForwardSteps());
    }
}
