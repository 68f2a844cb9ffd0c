package org.mgd.common.checkpoint;

import java.util.HashMap;
import java.util.Map;

/** Checkpoints as live objects (states are never modified after they are made). */
final class MemoryCheckpointStore implements CheckpointStore {
    private final Map<String, Checkpoint> slots = new HashMap<>();
    private long next;

    @Override
    public String put(Checkpoint checkpoint) {
        String handle = Long.toString(next++);
        slots.put(handle, checkpoint);
        return handle;
    }

    @Override
    public Checkpoint get(String handle) {
        Checkpoint c = slots.get(handle);
        if (c == null) {
            throw new IllegalStateException("no checkpoint " + handle);
        }
        return c;
    }

    @Override
    public void free(String handle) {
        slots.remove(handle);
    }

    @Override
    public void close() {
        slots.clear();
    }
}
