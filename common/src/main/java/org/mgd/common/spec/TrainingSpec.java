package org.mgd.common.spec;

import java.io.Serializable;

/** How the model is trained: T optimizer steps on minibatches whose order is fixed by {@code seed}. */
public record TrainingSpec(int steps, int batchSize, long seed, OptimizerSpec optimizer, LrScheduleSpec lrSchedule)
        implements Serializable {

    public TrainingSpec withSeed(long newSeed) {
        return new TrainingSpec(steps, batchSize, newSeed, optimizer, lrSchedule);
    }
}
