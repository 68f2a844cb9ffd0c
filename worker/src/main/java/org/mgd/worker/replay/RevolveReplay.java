package org.mgd.worker.replay;

import java.util.ArrayList;
import java.util.List;
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
        TrainState s0 = r.initialState();
        r.stats().acquire();
        // The forward pass to θ_T follows the plan's right spine and stores its checkpoints on
        // the way, so the recursion below finds them instead of recomputing them.
        List<Level> spine = new ArrayList<>(List.of(new Level(0, null, slots - 1)));
        TrainState s = s0;
        while (steps - last(spine).lo() >= 2 && last(spine).free() >= 1) {
            Level top = last(spine);
            int m = plan.split(steps - top.lo(), top.free());
            s = r.advanceTo(s, top.lo() + m);
            spine.add(new Level(top.lo() + m, store.put(States.toCheckpoint(s)), top.free() - 1));
            r.stats().acquire();
        }
        Adjoint adjoint = r.start(r.advanceTo(s, steps));
        for (int i = spine.size() - 1; i >= 0; i--) {
            Level level = spine.get(i);
            int hi = i == spine.size() - 1 ? steps : spine.get(i + 1).lo();
            TrainState start = i == 0 ? s0 : States.fromCheckpoint(store.get(level.handle()));
            adjoint = revolve(r, start, level.lo(), hi, level.free(), adjoint);
            if (i > 0) {
                store.free(level.handle());
                r.stats().release();
            }
        }
        return adjoint;
    }

    /** A checkpoint of the spine: its step, its handle (null for s_0), the slots free beyond it. */
    private record Level(int lo, String handle, int free) {}

    private static Level last(List<Level> spine) {
        return spine.get(spine.size() - 1);
    }

    /** Reverses [lo, hi) from s_lo (held by the caller) with {@code free} more slots. */
    private Adjoint revolve(Reverser r, TrainState sLo, int lo, int hi, int free, Adjoint adjoint) {
        int n = hi - lo;
        if (n == 1) {
            return r.reverse(r.withGradient(sLo), adjoint);
        }
        if (free == 0) {
            for (int t = hi - 1; t >= lo; t--) {
                TrainState s = r.advanceTo(sLo, t);
                r.stats().acquire();
                adjoint = r.reverse(r.withGradient(s), adjoint);
                r.stats().release();
            }
            return adjoint;
        }
        int m = plan.split(n, free);
        TrainState s = r.advanceTo(sLo, lo + m);
        String handle = store.put(States.toCheckpoint(s));
        r.stats().acquire();
        adjoint = revolve(r, States.fromCheckpoint(store.get(handle)), lo + m, hi, free - 1, adjoint);
        store.free(handle);
        r.stats().release();
        return revolve(r, sLo, lo, lo + m, free, adjoint);
    }
}
