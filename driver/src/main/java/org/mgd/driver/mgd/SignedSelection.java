package org.mgd.driver.mgd;

import java.util.SplittableRandom;
import org.mgd.common.meta.Metaparameters;

/**
 * The paper's data-selection rule on example counts: {@code c ← max(0, c − step·sign(g) ⊙ m)},
 * with m a Bernoulli({@code fraction}) mask drawn from (seed, meta-step): signed block-coordinate
 * descent. The budget is the caller's start; counts are integers and never negative.
 */
final class SignedSelection implements MetaOptimizer {
    private final double step;
    private final double fraction;
    private final long seed;

    SignedSelection(double step, double fraction, long seed) {
        this.step = Math.max(1, Math.round(step));
        this.fraction = fraction;
        this.seed = seed;
    }

    @Override
    public double[][] initialState(Metaparameters start) {
        return new double[0][];
    }

    @Override
    public Step step(Metaparameters z, double[] g, int metaStep, double[][] state) {
        double[] c = z.values();
        SplittableRandom mask = new SplittableRandom(seed * 1_000_003L + metaStep);
        for (int i = 0; i < c.length; i++) {
            if (mask.nextDouble() < fraction) {
                c[i] = Math.max(0, c[i] - step * MetaOptimizer.sign(g[i]));
            }
        }
        return new Step(Metaparameters.dataWeights(c), state);
    }
}
