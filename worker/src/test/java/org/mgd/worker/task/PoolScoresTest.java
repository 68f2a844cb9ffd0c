package org.mgd.worker.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mgd.common.spec.JobSpec;
import org.mgd.worker.metagrad.ObjectiveFunction;
import org.mgd.worker.testing.Specs;
import org.mgd.worker.train.StepListener;
import org.mgd.worker.train.TrainState;

/** Pool scores against the same quantities computed one example at a time. */
class PoolScoresTest {

    @Test
    void lossesAndAlignmentsMatchPerExampleGradients() {
        JobSpec spec = Specs.example("digits-mlp.yaml", "model.hidden=[16]", "training.steps=60",
                "data.split={train: 300, target: 100, test: 100}");
        PoolScores scores = PoolScores.of(Task.of(spec, null));
        Setup setup = Setup.prepare(spec, null, 0);
        TrainState end = setup.training().run(StepListener.NONE);
        double[] theta = end.params();
        double[] objective = new double[theta.length];
        ObjectiveFunction.of(spec, setup.splits().target()).valueAndGradient(theta, objective);
        double[] g = new double[theta.length];
        for (int i : new int[] {0, 7, 150, 299}) {
            double loss = setup.training().loss().gradient(theta, new int[] {i}, g);
            double dot = 0;
            for (int j = 0; j < g.length; j++) {
                dot += g[j] * objective[j];
            }
            assertEquals(loss, scores.losses()[i], 1e-12, "loss of example " + i);
            // Central differences along ∇φ: measured 1.2e-7 relative at worst, ample for a ranking.
            assertEquals(dot, scores.alignments()[i], 1e-6 * Math.abs(dot), "alignment of example " + i);
        }
    }

    @Test
    void keepTakesTheBudgetFromTheRightEnd() {
        double[] s = {0.3, -1, 2, 0.5};
        assertArrayEquals(new double[] {1, 1, 0, 0}, PoolScores.keep(s, 2, true).values(), 0.0);
        assertArrayEquals(new double[] {0, 0, 1, 1}, PoolScores.keep(s, 2, false).values(), 0.0);
    }
}
