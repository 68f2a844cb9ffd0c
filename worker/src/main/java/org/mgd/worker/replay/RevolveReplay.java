package org.mgd.worker.replay;

import org.mgd.common.checkpoint.CheckpointStore;
import org.mgd.worker.metagrad.Reverser;
import org.mgd.worker.train.Adjoint;
import org.mgd.worker.train.TrainState;

/**
 * Griewank's binomial checkpointing ("revolve") with a fixed number of state slots, s_0's
 * included: the fewest recomputed steps for that memory ({@link BinomialPlan}). Unlike the tree,
 * it keeps no gradients with its states, so each reverse step evaluates its gradient once more.
 */
final class RevolveReplay implements ReplaySchedule {
    private final int slots;
    private final CheckpointStore store;
    private BinomialPlan plan;

    RevolveReplay(int slots, CheckpointStore store) {
        if (slots < 1) {
            throw new IllegalArgumentException("replay.slots must be at least 1, got " + slots);
        }
        this.slots = slots;
        this.store = store;
    }

    @Override
    public String describe() {
        return "revolve(slots=" + slots + ")";
    }

    @Override
    public Adjoint run(Reverser r) {
        int steps = r.steps();
        plan = new BinomialPlan(steps, slots - 1);
        r.stats().acquire(); // the state being advanced
        TrainState s0 = r.initialState();
        r.stats().acquire();
        TrainState s = s0;
        while (s.step() < steps) {
            s = r.advance(s);
        }
        return revolve(r, s0, 0, steps, slots - 1, r.start(s));
    }

    /** Reverses [lo, hi) from s_lo (held by the caller) with {@code free} more slots. */
    private Adjoint revolve(Reverser r, TrainState sLo, int lo, int hi, int free, Adjoint adjoint) {
        int n = hi - lo;
        if (n == 1) {
            return r.reverse(r.withGradient(sLo), adjoint);
        }
        if (free == 0) {
            for (int t = hi - 1; t >= lo; t--) {
                TrainState s = sLo;
                while (s.step() < t) {
                    s = r.advance(s);
                }
                adjoint = r.reverse(r.withGradient(s), adjoint);
            }
            return adjoint;
        }
        int m = plan.split(n, free);
        TrainState s = sLo;
        for (int i = 0; i < m; i++) {
            s = r.advance(s);
        }
        String handle = store.put(States.toCheckpoint(s));
        r.stats().acquire();
        adjoint = revolve(r, States.fromCheckpoint(store.get(handle)), lo + m, hi, free - 1, adjoint);
        store.free(handle);
        r.stats().release();
        return revolve(r, sLo, lo, lo + m, free, adjoint);
    }
}
