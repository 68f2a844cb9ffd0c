package org.mgd.worker.task;

import org.mgd.common.data.Dataset;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.ModelSpec;
import org.mgd.worker.metagrad.GradientVjp;
import org.mgd.worker.model.NetworkFactory;
import org.mgd.worker.train.MinibatchLoss;

/**
 * The per-example terms of pool scoring (see {@link InjectionPoint}) for one slice of a
 * candidate pool: what an executor computes for its partition, from the broadcast point alone.
 */
public final class PoolScoring {
    private static final int CHUNK = 256;

    private PoolScoring() {}

    /** ∂φ/∂w_i for each example of {@code slice} injected at the point's step. */
    public static double[] scores(JobSpec spec, InjectionPoint point, Dataset slice) {
        MinibatchLoss loss = new MinibatchLoss(NetworkFactory.build(spec.model(), slice.shape(), slice.classes()),
                slice, null);
        if (loss.parameterCount() != point.params().length) {
            throw new org.mgd.common.MgdException("the pool's examples (shape " + java.util.Arrays.toString(slice.shape())
                    + ", " + slice.classes() + " classes) do not fit the spec's model, which was trained on another shape");
        }
        GradientVjp vjp = new GradientVjp(loss, spec.replay().vjpStep(),
                spec.model().activation() == ModelSpec.Activation.RELU);
        double[] scores = new double[slice.size()];
        inChunks(scores.length, (start, batch) -> {
            double[] slopes = vjp.apply(point.params(), batch, point.gradientAdjoint(), true, false).exampleLossSlopes();
            for (int k = 0; k < batch.length; k++) {
                scores[start + k] = slopes[k] / point.batchSize();
            }
        });
        return scores;
    }

    /** What to do with one chunk of examples: indices {@code start .. start + batch.length - 1}. */
    interface Chunk {
        void visit(int start, int[] batch);
    }

    /** Examples 0..n-1 a chunk at a time: per-example terms are batched, memory stays bounded. */
    static void inChunks(int n, Chunk chunk) {
        for (int start = 0; start < n; start += CHUNK) {
            int[] batch = new int[Math.min(CHUNK, n - start)];
            for (int k = 0; k < batch.length; k++) {
                batch[k] = start + k;
            }
            chunk.visit(start, batch);
        }
    }
}
