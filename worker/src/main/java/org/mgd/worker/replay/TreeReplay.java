package org.mgd.worker.replay;

import org.mgd.common.checkpoint.CheckpointStore;
import org.mgd.worker.metagrad.ReplayStats;
import org.mgd.worker.metagrad.Reverser;
import org.mgd.worker.metagrad.Reverser.Stepped;
import org.mgd.worker.train.Adjoint;
import org.mgd.worker.train.TrainState;

/**
 * REPLAY's lazy k-ary checkpoint tree. A segment longer than k is cut into k chunks; one forward
 * pass keeps the chunk starts, then the chunks are reversed last to first, each the same way. A
 * segment of at most k steps is rebuilt state by state (with each state's gradient, which its
 * reverse step reuses) and reversed. Memory: at most k states per level, ⌈log_k T⌉ levels, plus
 * the state being advanced (counted while it is not yet stored). The first forward pass doubles as the top level's.
 */
final class TreeReplay implements ReplaySchedule {
    private final int k;
    private final CheckpointStore store;

    TreeReplay(int k, CheckpointStore store) {
        if (k < 2) {
            throw new IllegalArgumentException("replay.k must be at least 2, got " + k);
        }
        this.k = k;
        this.store = store;
    }

    @Override
    public String describe() {
        return "tree(k=" + k + ")";
    }

    @Override
    public Adjoint run(Reverser r) {
        ReplayStats stats = r.stats();
        TrainState s0 = r.initialState();
        stats.acquire();
        int steps = r.steps();
        if (steps <= k) {
            Stepped[] leaf = rebuild(r, s0, 0, steps);
            Adjoint adjoint = r.start(r.advance(leaf[leaf.length - 1]));
            return reverseLeaf(r, leaf, adjoint);
        }
        int[] b = boundaries(0, steps);
        String[] saved = new String[k];
        TrainState s = s0;
        for (int j = 1; j < k; j++) {
            s = r.advanceTo(s, b[j]);
            saved[j] = store.put(States.toCheckpoint(s));
            stats.acquire();
        }
        Adjoint adjoint = r.start(r.advanceTo(s, steps));
        return reverseChunks(r, s0, b, saved, adjoint);
    }

    /** Reverses [lo, hi) starting from s_lo, which the caller holds. */
    private Adjoint reverse(Reverser r, TrainState sLo, int lo, int hi, Adjoint adjoint) {
        if (hi - lo <= k) {
            return reverseLeaf(r, rebuild(r, sLo, lo, hi), adjoint);
        }
        int[] b = boundaries(lo, hi);
        String[] saved = new String[k];
        TrainState s = sLo;
        for (int j = 1; j < k; j++) {
            s = r.advanceTo(s, b[j]);
            saved[j] = store.put(States.toCheckpoint(s));
            r.stats().acquire();
        }
        return reverseChunks(r, sLo, b, saved, adjoint);
    }

    private Adjoint reverseChunks(Reverser r, TrainState sLo, int[] b, String[] saved, Adjoint adjoint) {
        for (int j = k - 1; j >= 0; j--) {
            TrainState start = j == 0 ? sLo : States.fromCheckpoint(store.get(saved[j]));
            adjoint = reverse(r, start, b[j], b[j + 1], adjoint);
            if (j > 0) {
                store.free(saved[j]);
                r.stats().release();
            }
        }
        return adjoint;
    }

    /** s_lo .. s_{hi-1}, each with its gradient; s_lo is the caller's and is not counted again. */
    private static Stepped[] rebuild(Reverser r, TrainState sLo, int lo, int hi) {
        Stepped[] leaf = new Stepped[hi - lo];
        leaf[0] = r.withGradient(sLo);
        for (int i = 1; i < leaf.length; i++) {
            leaf[i] = r.withGradient(r.advance(leaf[i - 1]));
            r.stats().acquire();
        }
        return leaf;
    }

    private static Adjoint reverseLeaf(Reverser r, Stepped[] leaf, Adjoint adjoint) {
        for (int i = leaf.length - 1; i >= 0; i--) {
            adjoint = r.reverse(leaf[i], adjoint);
            leaf[i] = null;
            if (i > 0) {
                r.stats().release();
            }
        }
        return adjoint;
    }

    /** k+1 strictly increasing cut points from lo to hi (chunks of ⌊n/k⌋ or ⌈n/k⌉ steps). */
    int[] boundaries(int lo, int hi) {
        int[] b = new int[k + 1];
        long n = hi - lo;
        for (int j = 0; j <= k; j++) {
            b[j] = lo + (int) (j * n / k);
        }
        return b;
    }
}
