package org.mgd.driver.mgd;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.mgd.common.meta.Metaparameters;

/**
 * The paper's data-selection rule on example counts: {@code c ← max(0, c − step·sign(g) ⊙ m)},
 * with m a Bernoulli({@code fraction}) mask drawn from (seed, meta-step): signed block-coordinate
 * descent. Counts are integers, never negative, and projected onto the budget exactly: a total
 * over it loses counts from the examples that most hurt the objective (largest g) first, a total
 * under it gains counts on those that most help it (smallest g). Without the refill the rule
 * treats the budget as a ceiling, and on MNIST the selection shrank to half the budget.
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
        toBudget(c, g);
        return new Step(Metaparameters.dataWeights(c), state);
    }

    /** One count at a time, cycling through the examples in order of g (ties by index). */
    private void toBudget(double[] c, double[] g) {
        double total = Arrays.stream(c).sum();
        if (total == budget) {
            return;
        }
        int[] helpfulFirst = IntStream.range(0, c.length).boxed()
                .sorted((a, b) -> g[a] != g[b] ? Double.compare(g[a], g[b]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
        for (int k = 0; total > budget; k = (k + 1) % c.length) {
            int i = helpfulFirst[c.length - 1 - k];
            if (c[i] >= 1) {
                c[i] -= 1;
                total -= 1;
            }
        }
        for (int k = 0; total < budget; k = (k + 1) % c.length) {
            c[helpfulFirst[k]] += 1;
            total += 1;
        }
    }
}
