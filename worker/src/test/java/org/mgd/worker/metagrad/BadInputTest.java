package org.mgd.worker.metagrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mgd.common.MgdException;
import org.mgd.common.checkpoint.CheckpointStore;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.ReplaySpec;
import org.mgd.worker.replay.ReplaySchedule;
import org.mgd.worker.task.Setup;
import org.mgd.worker.train.Adjoint;
import org.mgd.worker.train.HessianVectorProduct;
import org.mgd.worker.train.Optimizer;
import org.mgd.worker.train.Reversed;
import org.mgd.worker.train.StepListener;
import org.mgd.worker.train.TrainState;
import org.mgd.worker.train.Training;

/** Metagradients refuse what does not fit, and stop where an adjoint stops being finite. */
class BadInputTest {
    private final JobSpec spec = MetagradientTest.spec(MetagradientTest.SGD, "training.steps=30");

    @Test
    void metaparametersThatDoNotFitTheRunAreRejectedFirst() {
        String m = assertThrows(MgdException.class,
                () -> Metagradient.compute(spec, Metaparameters.dataWeights(new double[299]), 0)).getMessage();
        assertTrue(m.contains("299") && m.contains("300"), m);
        assertThrows(MgdException.class, () -> Metagradient.compute(spec,
                Metaparameters.inputs(new int[] {300}, new double[64]), 0));
        assertThrows(MgdException.class, () -> Metagradient.compute(spec,
                Metaparameters.lrSchedule(new double[] {1.0}), 0));
    }

    /**
     * An optimizer whose reverse step goes non-finite at one step: the reverse pass must stop
     * there and say which step, not carry NaN into the result.
     */
    private record PoisonedSgd(Optimizer real, int badStep) implements Optimizer {
        @Override
        public TrainState init(double[] params) {
            return real.init(params);
        }

        @Override
        public TrainState step(TrainState state, double[] grad, double lr) {
            return real.step(state, grad, lr);
        }

        @Override
        public Reversed reverse(TrainState state, double[] grad, double lr, Adjoint next, HessianVectorProduct hvp) {
            Reversed r = real.reverse(state, grad, lr, next, hvp);
            if (state.step() == badStep) {
                r.previous().params()[0] = Double.NaN;
            }
            return r;
        }
    }

    @Test
    void aNonFiniteAdjointStopsWithItsStep() {
        Setup setup = Setup.prepare(spec, null, 0);
        Training real = setup.training();
        Training poisoned = new Training(new PoisonedSgd(real.optimizer(), 17), real.loss(), real.batches(),
                real.lrs(), real.steps(), real.initialState().params());
        Reverser reverser = new Reverser(poisoned, new GradientVjp(real.loss(), 1e-5, false),
                new DataWeightsAdjoint(300), ObjectiveFunction.of(spec, setup.splits().target()), StepListener.NONE);
        try (CheckpointStore store = CheckpointStore.open("memory")) {
            MgdException e = assertThrows(MgdException.class,
                    () -> ReplaySchedule.of(ReplaySpec.DEFAULTS, 30, store).run(reverser));
            assertEquals("the metagradient diverged at step 17: the parameter adjoint is not finite", e.getMessage());
        }
    }
}
