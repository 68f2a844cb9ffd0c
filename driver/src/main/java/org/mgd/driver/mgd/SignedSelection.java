package org.mgd.driver.mgd;

import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.mgd.common.meta.Metaparameters;

/**
 * The paper's data-selection rule on example counts: {@code c ← max(0, c − step·sign(g) ⊙ m)},
 * with m a Bernoulli({@code fraction}) mask drawn from (seed, meta-step): signed block-coordinate
 * descent. Counts are integers, never negative, and projected onto the budget: while their total
 * exceeds it, the count whose example most hurts the objective (largest g) drops by one.
 */
final class SignedSelection implements MetaOptimizer {
    private final IntToDoubleFunction step;
    private final double fraction;
    private final long seed;

    private final int budget;

    SignedSelection(IntToDoubleFunction step, double fraction, long seed, int budget) {
        this.step = step;
        this.fraction = fraction;
        this.seed = seed;
        this.budget = budget;
    }

    @Override
    public double[][] initialState(Metaparameters start) {
        return new double[0][];
    }

    @Override
    public Step step(Metaparameters z, double[] g, int metaStep, double[][] state) {
        double[] c = z.values();
        double size = Math.max(1, Math.round(step.applyAsDouble(metaStep)));
        SplittableRandom mask = new SplittableRandom(seed * 1_000_003L + metaStep);
        for (int i = 0; i < c.length; i++) {
            if (mask.nextDouble() < fraction) {
                c[i] = Math.max(0, c[i] - size * MetaOptimizer.sign(g[i]));
            }
        }
        double total = java.util.Arrays.stream(c).sum();
        if (total > budget) {
            Integer[] worstFirst = java.util.stream.IntStream.range(0, c.length).boxed()
                    .sorted((a, b) -> a.equals(b) ? 0 : g[a] != g[b] ? Double.compare(g[b], g[a]) : Integer.compare(a, b))
                    .toArray(Integer[]::new);
            for (int k = 0; total > budget; k = (k + 1) % worstFirst.length) {
                int i = worstFirst[k];
                if (c[i] >= 1) {
                    c[i] -= 1;
                    total -= 1;
                }
            }
        }
        return new Step(Metaparameters.dataWeights(c), state);
    }
}
