package org.mgd.worker.replay;

/**
 * Optimal split points for reversing {@code n} training steps with {@code s} free state slots by
 * binomial checkpointing (Griewank's "revolve"), for the recursive engine
 *
 * <pre>
 * reverse(lo, hi, s):  // s_lo is held and not counted in s; reverses steps hi-1 .. lo
 *   n == 1: reverse step lo
 *   s == 0: for t = hi-1 .. lo: recompute s_t from s_lo, reverse step t
 *   else:   m = split(n, s); advance m steps, store s_{lo+m} in a slot;
 *           reverse(lo+m, hi, s-1); free the slot; reverse(lo, lo+m, s)
 * </pre>
 *
 * <p>The cost counted is the number of forward steps h_t executed while reversing, i.e.
 * F(1, s) = 0, F(n, 0) = n(n-1)/2 and F(n, s) = min over 1 &lt;= m &lt; n of
 * m + F(n-m, s-1) + F(m, s). The forward pass that produced s_lo and the reverse steps themselves
 * are not counted. This equals Griewank's closed form with c = s + 1 checkpoints (the held state
 * counts as one there): F(n, s) = r*n - C(s+r+1, s+2) for the least r with C(s+r+1, s+1) &gt;= n.
 * The tables are still built from the recursion itself, because the engine needs the split
 * points, not just the cost, and the tests check both against each other.
 *
 * <p>Instances are immutable and thread-safe after construction.
 */
public final class BinomialPlan {

    private final int maxSteps;
    private final int slots;
    /** cost[s][n] = F(n, s); row-major by s so the split search walks contiguous memory. */
    private final long[][] cost;
    /** split[s][n] = an optimal m for F(n, s); row 0 is unused (no split without a free slot). */
    private final int[][] split;

    public BinomialPlan(int maxSteps, int slots) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        }
        if (slots < 0) {
            throw new IllegalArgumentException("slots must be >= 0, got " + slots);
        }
        this.maxSteps = maxSteps;
        this.slots = slots;
        this.cost = new long[slots + 1][maxSteps + 1];
        this.split = new int[slots + 1][];
        for (int n = 1; n <= maxSteps; n++) {
            cost[0][n] = (long) n * (n - 1) / 2;
        }
        // Convexity of F(., s) in n makes the split objective convex in m, so its minimum is the
        // first m where it stops decreasing and can be found by bisection: O(log n) per entry
        // instead of O(n). Rather than rely on that as an unproven theorem, each row is checked
        // for convexity as it is built; wherever it fails (never observed) the entry falls back
        // to the exhaustive scan, so the tables equal the plain DP either way.
        boolean previousRowConvex = isConvex(cost[0]);
        for (int s = 1; s <= slots; s++) {
            long[] f = cost[s];
            long[] below = cost[s - 1];
            int[] best = new int[maxSteps + 1];
            boolean rowConvexSoFar = true;
            for (int n = 2; n <= maxSteps; n++) {
                if (s >= n - 1) {
                    // Every intermediate state fits: each step is computed once, and n-1 is also
                    // a lower bound because reversing step n-1 needs s_{n-1}.
                    f[n] = n - 1;
                    best[n] = 1;
                } else if (previousRowConvex && rowConvexSoFar) {
                    int lo = 1;
                    int hi = n - 1;
                    while (lo < hi) {
                        int m = (lo + hi) >>> 1;
                        if (objective(f, below, n, m + 1) >= objective(f, below, n, m)) {
                            hi = m;
                        } else {
                            lo = m + 1;
                        }
                    }
                    best[n] = lo;
                    f[n] = objective(f, below, n, lo);
                } else {
                    int bestM = 1;
                    long bestCost = objective(f, below, n, 1);
                    for (int m = 2; m < n; m++) {
                        long c = objective(f, below, n, m);
                        if (c < bestCost) {
                            bestCost = c;
                            bestM = m;
                        }
                    }
                    best[n] = bestM;
                    f[n] = bestCost;
                }
                if (n >= 3 && f[n] - f[n - 1] < f[n - 1] - f[n - 2]) {
                    rowConvexSoFar = false;
                }
            }
            split[s] = best;
            previousRowConvex = rowConvexSoFar;
        }
    }

    private static long objective(long[] sameSlots, long[] oneFewer, int n, int m) {
        return m + oneFewer[n - m] + sameSlots[m];
    }

    /** Second differences over n = 1..length-1 are non-negative. */
    private static boolean isConvex(long[] f) {
        for (int n = 3; n < f.length; n++) {
            if (f[n] - f[n - 1] < f[n - 1] - f[n - 2]) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many steps to advance before storing a checkpoint when reversing {@code n} steps with
     * {@code s} free slots; 1 &lt;= result &lt; n.
     */
    public int split(int n, int s) {
        if (n < 2 || n > maxSteps) {
            throw new IllegalArgumentException("n must be in [2, " + maxSteps + "], got " + n);
        }
        if (s < 1 || s > slots) {
            throw new IllegalArgumentException("s must be in [1, " + slots + "], got " + s);
        }
        return split[s][n];
    }

    /** F(n, s): the minimal number of forward steps to reverse {@code n} steps with {@code s} slots. */
    public long forwardSteps(int n, int s) {
        if (n < 1 || n > maxSteps) {
            throw new IllegalArgumentException("n must be in [1, " + maxSteps + "], got " + n);
        }
        if (s < 0 || s > slots) {
            throw new IllegalArgumentException("s must be in [0, " + slots + "], got " + s);
        }
        return cost[s][n];
    }

    /** F(maxSteps, slots). */
    public long totalForwardSteps() {
        return cost[slots][maxSteps];
    }

    public int maxSteps() {
        return maxSteps;
    }

    public int slots() {
        return slots;
    }
}
