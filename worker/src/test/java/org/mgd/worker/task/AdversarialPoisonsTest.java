package org.mgd.worker.task;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mgd.common.data.Dataset;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.worker.testing.Specs;
import org.mgd.worker.train.StepListener;
import org.mgd.worker.train.TrainState;

class AdversarialPoisonsTest {

    @Test
    void poisonsRaiseTheirOwnLossUnderTheCleanModelInsideTheBox() {
        JobSpec spec = Specs.example("digits-mlp.yaml", "model.hidden=[16]", "training.steps=80",
                "data.split={train: 300, target: 100, test: 100}");
        Setup setup = Setup.prepare(spec, null, 0);
        TrainState end = setup.training().run(StepListener.NONE);
        int[] idx = {1, 2, 3, 5, 8, 13};
        Dataset train = setup.train();
        Metaparameters clean = Metaparameters.inputs(idx, train.select(idx).features());
        Metaparameters poisoned = AdversarialPoisons.of(Task.of(spec, null), clean, 0.05, 0.2);
        double[] g = new double[end.params().length];
        double before = setup.training().loss().gradient(end.params(), idx, g);
        var after = new org.mgd.worker.train.MinibatchLoss(setup.network(), train.withFeatures(idx, poisoned.values()), null)
                .gradient(end.params(), idx, g);
        assertTrue(after > before + 0.5, "own loss " + before + " -> " + after);
        double[] x = poisoned.values();
        double[] x0 = clean.values();
        for (int i = 0; i < x.length; i++) {
            assertTrue(x[i] >= 0 && x[i] <= 1 && Math.abs(x[i] - x0[i]) <= 0.2 + 1e-12, "pixel " + i);
        }
    }
}
