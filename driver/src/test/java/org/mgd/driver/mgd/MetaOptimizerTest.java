package org.mgd.driver.mgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mgd.common.MgdException;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.MgdSpec;

/** Each meta-optimizer's projection holds, on random gradients, step after step. */
class MetaOptimizerTest {
    private static double[] gradient(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = r.nextDouble(-1, 1);
        }
        return g;
    }

    @Test
    void selectionKeepsItsBudget() {
        double[] start = new double[100];
        Arrays.fill(start, 0, 40, 1.0);
        for (MetaOptimizer o : new MetaOptimizer[] {new ExchangeSelection(5), new SignedSelection(t -> 1, 0.5, 3, 40)}) {
            Metaparameters z = Metaparameters.dataWeights(start);
            for (int t = 0; t < 10; t++) {
                z = o.step(z, gradient(100, t), t, o.initialState(z)).next();
                double[] c = z.values();
                assertTrue(Arrays.stream(c).allMatch(x -> x >= 0 && x == Math.rint(x)), "integer counts");
                assertEquals(40, Arrays.stream(c).sum(), o + " keeps the budget exactly");
            }
        }
    }

    @Test
    void signedSelectionRefillsTheBudgetOnTheMostHelpfulExamples() {
        // Every coordinate masked (fraction 1): both selected examples have positive gradients and
        // drop out; the refill goes to the two most helpful (most negative gradient) examples.
        Metaparameters z = Metaparameters.dataWeights(new double[] {1, 1, 0, 0, 0});
        double[] g = {0.5, 0.1, -0.3, -0.2, -0.4};
        double[] c = new SignedSelection(t -> 1, 1.0, 0, 2).step(z, g, 0, null).next().values();
        // The step itself gave {0, 0, 1, 1, 1}: one over the budget, so the least helpful (-0.2) loses it.
        assertArrayEquals(new double[] {0, 0, 1, 0, 1}, c, 0.0);
        z = Metaparameters.dataWeights(new double[] {1, 1, 0, 0, 0});
        double[] allHarmful = {0.5, 0.1, 0.3, 0.2, 0.4};
        c = new SignedSelection(t -> 1, 1.0, 0, 2).step(z, allHarmful, 0, null).next().values();
        assertArrayEquals(new double[] {0, 1, 0, 1, 0}, c, 0.0);
    }

    @Test
    void exchangeSwapsTheWorstSelectedForTheBestUnselected() {
        Metaparameters z = Metaparameters.dataWeights(new double[] {1, 1, 0, 0});
        double[] g = {0.5, -0.1, -0.3, 0.2};
        assertArrayEquals(new double[] {0, 1, 1, 0}, new ExchangeSelection(1).step(z, g, 0, null).next().values(), 0.0);
    }

    @Test
    void poisonsStayInTheBoxAndTheRadius() {
        double[] clean = {0.0, 0.5, 1.0, 0.95};
        for (StepDirection d : new StepDirection[] {StepDirection.signed(), StepDirection.adam(0.9, 0.999)}) {
            Metaparameters z = Metaparameters.inputs(new int[] {3}, clean);
            ProjectedPixels o = new ProjectedPixels(t -> 0.3, d, 0.4);
            double[][] state = o.initialState(z);
            for (int t = 0; t < 5; t++) {
                MetaOptimizer.Step s = o.step(z, gradient(4, t), t, state);
                z = s.next();
                state = s.state();
                for (int i = 0; i < 4; i++) {
                    double x = z.values()[i];
                    assertTrue(x >= 0 && x <= 1 && Math.abs(x - clean[i]) <= 0.4 + 1e-12, "pixel " + x);
                }
            }
            assertArrayEquals(clean, state[0], 0.0, "the clean pixels stay in the state");
        }
    }

    @Test
    void adamsFirstStepIsTheSignAndItsMomentsCarryOver() {
        // Bias correction makes Adam's first direction g/|g| (up to its ε); the second, with the
        // gradient reversed, is damped by the first's momentum.
        StepDirection adam = StepDirection.adam(0.9, 0.999);
        StepDirection.Update first = adam.apply(new double[] {2.0, -0.5}, adam.initialState(2));
        assertArrayEquals(new double[] {1, -1}, first.direction(), 1e-9);
        assertEquals(1, first.state()[2][0]);
        StepDirection.Update second = adam.apply(new double[] {-2.0, 0.5}, first.state());
        double m = (0.9 * 0.2 - 0.2) / (1 - 0.81);
        double v = (0.999 * 0.004 + 0.004) / (1 - 0.999 * 0.999);
        assertEquals(m / Math.sqrt(v), second.direction()[0], 1e-9);
        assertTrue(Math.abs(second.direction()[0]) < 1, "momentum damps a reversal");
        // Pixels under Adam move by at most about the step on the first meta-step, and the old
        // state layout (clean pixels alone, from runs saved before) still steps.
        Metaparameters z = Metaparameters.inputs(new int[] {0}, new double[] {0.5});
        ProjectedPixels o = new ProjectedPixels(t -> 0.1, adam, null);
        assertEquals(0.4, o.step(z, new double[] {3}, 0, o.initialState(z)).next().values()[0], 1e-9);
        assertEquals(0.4, o.step(z, new double[] {3}, 0, new double[][] {{0.5}}).next().values()[0], 1e-9);
    }

    @Test
    void schedulesStayPositive() {
        for (boolean adam : new boolean[] {true, false}) {
            LogSchedule o = new LogSchedule(t -> 2.0, adam ? StepDirection.adam(0.9, 0.999) : StepDirection.signed());
            Metaparameters z = Metaparameters.lrSchedule(new double[] {1, 1, 1});
            double[][] state = o.initialState(z);
            for (int t = 0; t < 10; t++) {
                MetaOptimizer.Step s = o.step(z, new double[] {100, -100, 1e6}, t, state);
                z = s.next();
                state = s.state();
                assertTrue(Arrays.stream(z.values()).allMatch(k -> k > 0 && Double.isFinite(k)), Arrays.toString(z.values()));
            }
        }
    }

    @Test
    void aFinalStepMakesTheStepFallLinearlyOverTheMetaSteps() {
        MgdSpec.MetaOptimizerSpec decaying = new MgdSpec.MetaOptimizerSpec("signed", 0.1, 0.2, null, 0.9, 0.999, 0.02);
        assertEquals(0.1, decaying.stepAt(0, 5), 1e-15);
        assertEquals(0.06, decaying.stepAt(2, 5), 1e-15);
        assertEquals(0.02, decaying.stepAt(4, 5), 1e-15);
        MgdSpec.MetaOptimizerSpec constant = new MgdSpec.MetaOptimizerSpec("signed", 0.1, 0.2, null, 0.9, 0.999, null);
        assertEquals(0.1, constant.stepAt(4, 5), 0.0);
        // The pixels move by the step of their own meta-step.
        Metaparameters z = Metaparameters.inputs(new int[] {0}, new double[] {0.5});
        ProjectedPixels o = new ProjectedPixels(t -> decaying.stepAt(t, 5), StepDirection.signed(), null);
        double[][] state = o.initialState(z);
        assertEquals(0.4, o.step(z, new double[] {1}, 0, state).next().values()[0], 1e-15);
        assertEquals(0.48, o.step(z, new double[] {1}, 4, state).next().values()[0], 1e-15);
    }

    @Test
    void aMetagradientThatIsNotFiniteStopsTheLoopAtItsMetaStep() {
        MgdLoop.requireFinite(new double[] {1, -2, 0}, 4);
        MgdException e = assertThrows(MgdException.class,
                () -> MgdLoop.requireFinite(new double[] {1, Double.NaN, Double.POSITIVE_INFINITY}, 4));
        assertTrue(e.getMessage().startsWith("meta-step 4: the metagradient has 2 of 3 entries that are not finite"
                + " (the first at index 1)"), e.getMessage());
    }
}
