package org.mgd.worker.replay;

import org.mgd.common.checkpoint.CheckpointStore;
import org.mgd.common.spec.ReplaySpec;
import org.mgd.worker.metagrad.Reverser;
import org.mgd.worker.train.Adjoint;

/**
 * Which states to keep and which to recompute while training is reversed. Every schedule runs
 * the same forward and reverse steps on the same bits, so the metagradient does not depend on
 * the schedule; only time and memory do.
 */
public interface ReplaySchedule {

    /** Trains forward, starts from φ(θ_T) and reverses every step; returns the adjoint of s_0. */
    Adjoint run(Reverser reverser);

    /** {@code tree} with its k, or {@code revolve} with its slots, for JSON and messages. */
    String describe();

    static ReplaySchedule of(ReplaySpec spec, int steps, CheckpointStore store) {
        return spec.schedule().equals("revolve")
                ? new RevolveReplay(spec.slots(steps), store)
                : new TreeReplay(spec.k(steps), store);
    }
}
