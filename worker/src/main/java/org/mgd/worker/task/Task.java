package org.mgd.worker.task;

import java.io.Serializable;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.worker.eval.Evaluation;
import org.mgd.worker.eval.Evaluator;
import org.mgd.worker.metagrad.Metagradient;
import org.mgd.worker.model.NetworkFactory;
import org.mgd.worker.train.StepListener;
import org.mgd.worker.train.TrainState;

/**
 * The unit of work of this system: train the spec's model at metaparameters {@code meta} (null:
 * plain training) with batch-order {@code seed}. The CLI, the smoothness search, the MGD loop and
 * Spark all run work as tasks; a task reads its data itself, so only the spec travels.
 */
public record Task(JobSpec spec, Metaparameters meta, long seed) implements Serializable {

    /** The spec's own training, at its own seed. */
    public static Task of(JobSpec spec, Metaparameters meta) {
        return new Task(spec, meta, spec.training().seed());
    }

    /**
     * The metagradient of this task's training at its metaparameters, and (when
     * {@code timeTraining}) how long one plain training run takes in the same process, the
     * denominator of the metagradient's cost ratio.
     */
    public MetagradientResult metagradient(StepListener listener, boolean timeTraining) {
        Metagradient.Result result = Metagradient.compute(Setup.prepare(spec, meta, seed), meta, listener);
        double trainSeconds = Double.NaN;
        if (timeTraining) {
            // Timed after the metagradient, so neither side pays the JIT's warm-up alone
            // (the metagradient, timed first, pays it: its ratio errs on the high side).
            Setup plain = Setup.prepare(spec, meta, seed);
            long t0 = System.nanoTime();
            plain.training().run(StepListener.NONE);
            trainSeconds = (System.nanoTime() - t0) / 1e9;
        }
        return new MetagradientResult(result, trainSeconds, seed);
    }

    public TaskResult train(StepListener listener) {
        long start = System.nanoTime();
        Setup setup = Setup.prepare(spec, meta, seed);
        TrainState end = setup.training().run(listener);
        double scale = spec.model().outputScale();
        Evaluation target = Evaluator.evaluate(setup.network(), end.params(), setup.splits().target(), scale);
        Evaluation test = Evaluator.evaluate(setup.network(), end.params(), setup.splits().test(), scale);
        String model = NetworkFactory.describe(spec.model(), setup.train().shape(), setup.train().classes());
        Evaluation validation = setup.splits().validation().size() == 0 ? null
                : Evaluator.evaluate(setup.network(), end.params(), setup.splits().validation(), scale);
        return new TaskResult(model, target.objective(spec.objective()), target, test, validation,
                setup.training().lastLoss(),
                end.step(), seed, end.params().length,
                new int[] {setup.train().size(), setup.splits().target().size(), setup.splits().test().size()},
                (System.nanoTime() - start) / 1e9);
    }
}
