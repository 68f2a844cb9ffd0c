package org.mgd.driver.mgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mgd.common.MgdException;
import org.mgd.common.data.Splits;
import org.mgd.common.spec.DataSpec;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecLoader;

/** The rivals MGD is compared with, where they are more than a training run. */
class BaselinesTest {
    @Test
    void theCleanLabelOracleKeepsTheBudgetAndNoWrongLabel() {
        JobSpec spec = SpecLoader.load(ExampleSpecsTest.ROOT.resolve("deploy/examples/digits-select.yaml").toString(),
                List.of());
        int pool = spec.data().split().count(DataSpec.Role.TRAIN);
        int budget = StartingPoint.budget(spec.mgd(), pool);
        double[] w = Comparison.cleanOracle(spec, pool, budget).values();
        int[] noisy = Splits.noisyExamples(pool, spec.data().labelNoise(), spec.data().split().seed());
        assertEquals(budget, (int) Arrays.stream(w).sum());
        for (int i : noisy) {
            assertEquals(0.0, w[i], "wrong label " + i + " kept");
        }
        assertTrue(noisy.length > 0.25 * pool, "the digits spec has 30% label noise");
    }

    @Test
    void aDivergedGridConfigurationNeverWins() {
        double inf = Double.POSITIVE_INFINITY;
        assertEquals(2, OneCycleGrid.bestIndex(List.of(inf, 0.3, 0.2, inf)));
        MgdException e = assertThrows(MgdException.class, () -> OneCycleGrid.bestIndex(List.of(inf, inf)));
        assertTrue(e.getMessage().contains("every one-cycle schedule of the grid diverged"), e.getMessage());
    }
}
