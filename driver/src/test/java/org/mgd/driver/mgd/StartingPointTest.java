package org.mgd.driver.mgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mgd.common.MgdException;
import org.mgd.common.data.Dataset;
import org.mgd.common.data.Splits;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecLoader;

/** A start given with ./mgd run --meta is taken only where the task's projections would leave it. */
class StartingPointTest {
    private static JobSpec spec(String name, String... sets) {
        return SpecLoader.load(ExampleSpecsTest.ROOT.resolve("deploy/examples/" + name).toString(), List.of(sets));
    }

    private static String refusal(JobSpec spec, Dataset train, Metaparameters given) {
        return assertThrows(MgdException.class, () -> StartingPoint.given(spec, train, given)).getMessage();
    }

    @Test
    void aSelectionStartMustKeepExactlyTheBudget() {
        JobSpec spec = spec("digits-select.yaml");
        Dataset train = Splits.load(spec.data()).train();
        int n = train.size();
        int budget = StartingPoint.budget(spec.mgd(), n);
        double[] w = new double[n];
        Arrays.fill(w, 0, budget, 1);
        Metaparameters first = Metaparameters.dataWeights(w);
        assertEquals(first, StartingPoint.given(spec, train, first));

        w[budget] = 1;
        assertTrue(refusal(spec, train, Metaparameters.dataWeights(w)).contains("keeps " + (budget + 1)
                + " examples, but the budget (mgd.budget 0.5 of " + n + ") is " + budget));
        w[budget] = 0;
        w[0] = 2;
        w[1] = 0;
        assertTrue(refusal(spec, train, Metaparameters.dataWeights(w)).contains("must be 0 or 1"));
        // The signed rule keeps counts: the same weights are a valid start there.
        JobSpec signed = spec("digits-select.yaml", "mgd.optimizer={type: signed}");
        StartingPoint.given(signed, train, Metaparameters.dataWeights(w));
        w[0] = 1.5;
        w[1] = 0.5;
        assertTrue(refusal(signed, train, Metaparameters.dataWeights(w)).contains("whole counts >= 0, got 1.5"));
        assertTrue(refusal(spec, train, Metaparameters.dataWeights(new double[n - 1]))
                .contains(n - 1 + " data weights, but the training pool has " + n));
        assertTrue(refusal(spec, train, Metaparameters.lrSchedule(new double[] {1, 1}))
                .contains("a select run starts from data_weights, not lr_schedule"));
    }

    @Test
    void aScheduleStartNeedsTheKnotsPositive() {
        JobSpec spec = spec("digits-schedule.yaml", "mgd.knots=3");
        Metaparameters mine = Metaparameters.lrSchedule(new double[] {0.5, 2, 1});
        assertEquals(mine, StartingPoint.given(spec, null, mine));
        assertTrue(refusal(spec, null, Metaparameters.lrSchedule(new double[] {1, 1})).contains("2 knots, but mgd.knots is 3"));
        assertTrue(refusal(spec, null, Metaparameters.lrSchedule(new double[] {1, 0, 1})).contains("must be > 0"));
    }

    @Test
    void aPoisonRunTakesNoGivenStart() {
        JobSpec spec = spec("digits-poison.yaml");
        Dataset train = Splits.load(spec.data()).train();
        Metaparameters start = StartingPoint.of(spec, train);
        assertTrue(refusal(spec, train, start).contains("a poison run starts from the clean images"));
    }
}
