package org.mgd.common.spec;

import java.io.Serializable;

/**
 * How the metagradient replays training. {@code tree}: the lazy k-ary checkpoint tree (memory
 * ≤ k·⌈log_k T⌉ + 1 states; {@code k = T} stores everything). {@code revolve}: binomial
 * checkpointing with a fixed number of state slots. {@code k} and {@code slots} default to ⌈√T⌉.
 */
public record ReplaySpec(String schedule, Integer k, Integer slots, String checkpoints, double vjpStep)
        implements Serializable {

    public static final ReplaySpec DEFAULTS = new ReplaySpec("tree", null, null, "memory", 1e-5);

    public int k(int steps) {
        return k != null ? k : Math.max(2, (int) Math.ceil(Math.sqrt(steps)));
    }

    public int slots(int steps) {
        return slots != null ? slots : Math.max(1, (int) Math.ceil(Math.sqrt(steps)));
    }

    public ReplaySpec withSchedule(String newSchedule, Integer newK, Integer newSlots) {
        return new ReplaySpec(newSchedule, newK, newSlots, checkpoints, vjpStep);
    }
}
