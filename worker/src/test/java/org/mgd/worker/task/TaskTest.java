package org.mgd.worker.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mgd.common.MgdException;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.worker.testing.Specs;
import org.mgd.worker.train.StepListener;
import org.mgd.worker.train.TrainState;
import org.mgd.worker.train.TrainingDivergedException;

/** Whole training runs on the real digits data. */
class TaskTest {
    private final JobSpec spec = Specs.example("digits-mlp.yaml");

    private static double[] finalParams(JobSpec spec, Metaparameters meta, long seed) {
        Setup setup = Setup.prepare(spec, meta, seed);
        return setup.training().run(StepListener.NONE).params();
    }

    @Test
    void theExampleSpecLearnsTheDigits() {
        TaskResult r = Task.of(spec, null).train(StepListener.NONE);
        assertEquals(200, r.steps());
        assertTrue(r.test().accuracy() >= 0.90, "test accuracy " + r.test().accuracy());
        assertTrue(r.target().accuracy() >= 0.90, "target accuracy " + r.target().accuracy());
        assertEquals(r.target().loss(), r.objective(), 0.0);
        assertArrayEquals(new int[] {1200, 300, 297}, r.splitSizes());
    }

    @Test
    void sameSeedSameBitsOtherSeedOtherRun() {
        double[] a = finalParams(spec, null, 0);
        double[] b = finalParams(spec, null, 0);
        assertArrayEquals(a, b, 0.0);
        assertFalse(Arrays.equals(a, finalParams(spec, null, 1)));
    }

    @Test
    void unitDataWeightsReproducePlainTrainingBitForBit() {
        double[] ones = new double[1200];
        Arrays.fill(ones, 1.0);
        assertArrayEquals(finalParams(spec, null, 0), finalParams(spec, Metaparameters.dataWeights(ones), 0), 0.0);
    }

    @Test
    void metaparametersChangeTraining() {
        double[] w = new double[1200];
        Arrays.fill(w, 1.0);
        w[5] = 0;
        assertFalse(Arrays.equals(finalParams(spec, null, 0), finalParams(spec, Metaparameters.dataWeights(w), 0)));
        double[] flat = {1.0, 1.0, 1.0};
        assertArrayEquals(finalParams(spec, null, 0), finalParams(spec, Metaparameters.lrSchedule(flat), 0), 0.0,
                "knots of 1 leave the learning rate alone");
        assertFalse(Arrays.equals(finalParams(spec, null, 0),
                finalParams(spec, Metaparameters.lrSchedule(new double[] {1.0, 0.5}), 0)));
        double[] zeros = new double[64];
        assertFalse(Arrays.equals(finalParams(spec, null, 0),
                finalParams(spec, Metaparameters.inputs(new int[] {3}, zeros), 0)));
    }

    @Test
    void aTooLargeLearningRateStopsWithTheStep() {
        JobSpec wild = Specs.example("digits-mlp.yaml", "training.optimizer.lr=1e305");
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> Task.of(wild, null).train(StepListener.NONE));
        assertTrue(e.getMessage().startsWith("training diverged at step " + e.step()), e.getMessage());
    }

    @Test
    void misfitMetaparametersAreRejectedBeforeTraining() {
        MgdException e = assertThrows(MgdException.class,
                () -> Task.of(spec, Metaparameters.dataWeights(new double[10])).train(StepListener.NONE));
        assertTrue(e.getMessage().contains("1200"), e.getMessage());
        assertThrows(MgdException.class, () -> Task.of(spec,
                Metaparameters.inputs(new int[] {5000}, new double[64])).train(StepListener.NONE));
        JobSpec big = Specs.example("digits-mlp.yaml", "training.batch_size=5000");
        assertTrue(assertThrows(MgdException.class, () -> Task.of(big, null).train(StepListener.NONE))
                .getMessage().contains("batch_size"));
    }

    @Test
    void adamTrainsToo() {
        JobSpec adam = Specs.example("digits-mlp.yaml", "training.optimizer={type: adam, lr: 0.01, weight_decay: 0.001}",
                "training.lr_schedule={type: cosine, final_ratio: 0.1}");
        TaskResult r = Task.of(adam, null).train(StepListener.NONE);
        assertTrue(r.test().accuracy() >= 0.90, "test accuracy " + r.test().accuracy());
    }

    @Test
    void progressIsReportedEveryStep() {
        int[] calls = {0};
        TrainState end = Setup.prepare(spec, null, 0).training().run((step, steps, loss) -> {
            calls[0]++;
            assertEquals(calls[0], step);
            assertTrue(Double.isFinite(loss));
        });
        assertEquals(200, calls[0]);
        assertEquals(200, end.step());
    }
}
