package org.mgd.common.spec;

import java.io.Serializable;

/**
 * A whole job, as the user wrote it and as every executor receives it: what data, what model,
 * how it is trained, what to measure, how metagradients replay it, and (optional, null when
 * absent) the MGD run to do on it. Immutable and serializable; built only by
 * {@link SpecLoader}, which validates every key.
 */
public record JobSpec(String name, DataSpec data, ModelSpec model, TrainingSpec training, Objective objective,
                      ReplaySpec replay, MgdSpec mgd)
        implements Serializable {

    /** The same job trained with another batch-order seed (MGD averages over several). */
    public JobSpec withTrainingSeed(long seed) {
        return new JobSpec(name, data, model, training.withSeed(seed), objective, replay, mgd);
    }

    public JobSpec withTraining(TrainingSpec newTraining) {
        return new JobSpec(name, data, model, newTraining, objective, replay, mgd);
    }

    public JobSpec withData(DataSpec newData) {
        return new JobSpec(name, newData, model, training, objective, replay, mgd);
    }

    public JobSpec withReplay(ReplaySpec newReplay) {
        return new JobSpec(name, data, model, training, objective, newReplay, mgd);
    }
}
