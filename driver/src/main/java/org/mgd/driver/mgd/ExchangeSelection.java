package org.mgd.driver.mgd;

import java.util.Comparator;
import java.util.stream.IntStream;
import org.mgd.common.meta.Metaparameters;

/**
 * Data selection at a fixed budget: each step swaps the selected examples whose weight most hurts
 * the objective (largest ∂φ/∂w) for the unselected ones that would most help it (most negative),
 * as long as the swap is predicted to help. Weights stay in {0, 1}, the count never changes.
 */
final class ExchangeSelection implements MetaOptimizer {
    private final Integer swap;

    ExchangeSelection(Integer swap) {
        this.swap = swap;
    }

    @Override
    public double[][] initialState(Metaparameters start) {
        return new double[0][];
    }

    @Override
    public Step step(Metaparameters z, double[] g, int metaStep, double[][] state) {
        double[] w = z.values();
        int selected = (int) IntStream.range(0, w.length).filter(i -> w[i] > 0).count();
        int count = swap != null ? swap : Math.max(1, selected / 50);
        int[] out = IntStream.range(0, w.length).filter(i -> w[i] > 0).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -g[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        int[] in = IntStream.range(0, w.length).filter(i -> w[i] == 0).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> g[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        for (int k = 0; k < Math.min(count, Math.min(out.length, in.length)); k++) {
            if (g[out[k]] <= g[in[k]]) {
                break;
            }
            w[out[k]] = 0;
            w[in[k]] = 1;
        }
        return new Step(Metaparameters.dataWeights(w), state);
    }
}
