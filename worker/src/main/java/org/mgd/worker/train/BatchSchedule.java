package org.mgd.worker.train;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.mgd.common.data.Splits;

/**
 * Which examples step t trains on: a pure function of (seed, t). Each epoch is a fresh
 * permutation drawn from the project's own generator seeded by (seed, epoch), cut into
 * full batches (the incomplete tail is skipped, so every step has exactly {@code batchSize}
 * examples). Any step can be asked for in any order, which is what replaying training needs.
 */
public final class BatchSchedule implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int examples;
    private final int batchSize;
    private final long seed;
    private final int batchesPerEpoch;
    private transient int cachedEpoch = -1;
    private transient java.util.Map<Integer, int[]> recent;
    private transient int[] cachedPermutation;

    public BatchSchedule(int examples, int batchSize, long seed) {
        if (batchSize > examples) {
            throw new IllegalArgumentException("batch size " + batchSize + " exceeds " + examples + " examples");
        }
        this.examples = examples;
        this.batchSize = batchSize;
        this.seed = seed;
        this.batchesPerEpoch = examples / batchSize;
        initCache();
    }

    private void initCache() {
        recent = new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<Integer, int[]> eldest) {
                return size() > 64;
            }
        };
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        cachedEpoch = -1;
        initCache();
    }

    public int batchSize() {
        return batchSize;
    }

    /**
     * The example indices of step {@code t}'s minibatch. The same array for the same step while it
     * is recent (callers must not modify it), so per-batch work can be cached by array.
     */
    public synchronized int[] batch(int t) {
        int[] cached = recent.get(t);
        if (cached == null) {
            cached = compute(t);
            recent.put(t, cached);
        }
        return cached;
    }

    private int[] compute(int t) {
        int epoch = t / batchesPerEpoch;
        int start = (t % batchesPerEpoch) * batchSize;
        int[] perm = permutation(epoch);
        int[] out = new int[batchSize];
        System.arraycopy(perm, start, out, 0, batchSize);
        return out;
    }

    private synchronized int[] permutation(int epoch) {
        if (epoch != cachedEpoch) {
            cachedPermutation = Splits.permutation(examples, mix(seed, epoch));
            cachedEpoch = epoch;
        }
        return cachedPermutation;
    }

    /** Distinct, well-spread generator seeds for each (seed, epoch) pair. */
    static long mix(long seed, long epoch) {
        return new SplittableRandom(seed).split().nextLong() ^ (epoch * 0x9E3779B97F4A7C15L);
    }
}
