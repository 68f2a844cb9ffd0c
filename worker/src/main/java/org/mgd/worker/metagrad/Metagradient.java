package org.mgd.worker.metagrad;

import org.mgd.common.checkpoint.CheckpointStore;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.ModelSpec;
import org.mgd.common.spec.ReplaySpec;
import org.mgd.worker.eval.Evaluation;
import org.mgd.worker.eval.Evaluator;
import org.mgd.worker.replay.ReplaySchedule;
import org.mgd.worker.task.Setup;
import org.mgd.worker.train.StepListener;

/**
 * ∇_z φ(A(z)): the gradient of the trained model's objective with respect to the metaparameters
 * z of its training, by reverse-mode through every optimizer step with REPLAY's bounded memory.
 */
public final class Metagradient {
    private Metagradient() {}

    /**
     * The result: φ(θ_T), ∂φ/∂z in the metaparameter file's layout, and what it cost;
     * {@code seconds} is the forward and reverse passes alone (not reading data or building the net).
     */
    public record Result(double objective, Metaparameters gradient, String schedule, ReplayStats stats,
                         double seconds, Evaluation test, Evaluation validation) implements java.io.Serializable {}

    /** The metagradient at {@code meta} (null: data weights of 1, i.e. plain training). */
    public static Result compute(JobSpec spec, Metaparameters meta, long seed) {
        return compute(Setup.prepare(spec, meta, seed), meta, StepListener.NONE);
    }

    /** The metagradient of a prepared run; {@code progress} hears of every reversed step. */
    public static Result compute(Setup setup, Metaparameters meta, StepListener progress) {
        Metaparameters at = meta != null ? meta : Metaparameters.unitWeights(setup.train().size());
        return compute(setup, at, adjointFor(at, setup), progress);
    }

    /** The same, accumulating into a given adjoint (of {@code at}'s kind). */
    public static Result compute(Setup setup, Metaparameters at, MetaAdjoint adjoint, StepListener progress) {
        JobSpec spec = setup.spec();
        ReplaySpec replay = spec.replay();
        GradientVjp vjp = new GradientVjp(setup.training().loss(), replay.vjpStep(),
                spec.model().activation() == ModelSpec.Activation.RELU);
        Reverser reverser = new Reverser(setup.training(), vjp, adjoint,
                ObjectiveFunction.of(spec, setup.splits().target()), progress);
        try (CheckpointStore store = CheckpointStore.open(replay.checkpoints())) {
            ReplaySchedule schedule = ReplaySchedule.of(replay, spec.training().steps(), store);
            long start = System.nanoTime();
            schedule.run(reverser);
            double seconds = (System.nanoTime() - start) / 1e9;
            Metaparameters gradient = new Metaparameters(at.kind(), adjoint.values(), at.indices());
            double scale = spec.model().outputScale();
            Evaluation test = Evaluator.evaluate(setup.network(), reverser.finalParams(), setup.splits().test(), scale);
            Evaluation validation = setup.splits().validation().size() == 0 ? null
                    : Evaluator.evaluate(setup.network(), reverser.finalParams(), setup.splits().validation(), scale);
            return new Result(reverser.objectiveValue(), gradient, schedule.describe(), reverser.stats(), seconds,
                    test, validation);
        }
    }

    public static MetaAdjoint adjointFor(Metaparameters at, Setup setup) {
        return switch (at.kind()) {
            case DATA_WEIGHTS -> new DataWeightsAdjoint(setup.train().size());
            case LR_SCHEDULE -> new LrScheduleAdjoint(setup.training().lrs());
            case INPUTS -> new InputsAdjoint(at.indices(), setup.train().featureCount());
        };
    }
}
