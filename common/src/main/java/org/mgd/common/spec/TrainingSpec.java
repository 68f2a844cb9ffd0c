package org.mgd.common.spec;

import java.io.Serializable;

/** How the model is trained: T optimizer steps on minibatches whose order is fixed by {@code seed}. */
public record TrainingSpec(int steps, int batchSize, long seed, OptimizerSpec optimizer, LrScheduleSpec lrSchedule)
        implements Serializable {

    public TrainingSpec withSeed(long newSeed) {
        return new TrainingSpec(steps, batchSize, newSeed, optimizer, lrSchedule);
    }

    public TrainingSpec withLearningRate(OptimizerSpec newOptimizer, LrScheduleSpec newSchedule) {
        return new TrainingSpec(steps, batchSize, seed, newOptimizer, newSchedule);
    }
}
