package org.mgd.worker.metagrad;

import org.mgd.common.meta.MetaKind;

/** ∂φ/∂w_i: example i's loss enters step t's gradient as {@code w_i ∇ℓ_i / |B|}. */
final class DataWeightsAdjoint implements MetaAdjoint {
    private final double[] bar;

    DataWeightsAdjoint(int examples) {
        this.bar = new double[examples];
    }

    @Override
    public MetaKind kind() {
        return MetaKind.DATA_WEIGHTS;
    }

    @Override
    public boolean needsExampleLosses() {
        return true;
    }

    @Override
    public void addGradientTerm(int t, int[] batch, GradientVjp.Result vjp) {
        double[] slopes = vjp.exampleLossSlopes();
        for (int k = 0; k < batch.length; k++) {
            bar[batch[k]] += slopes[k] / batch.length;
        }
    }

    @Override
    public double[] values() {
        return bar.clone();
    }
}
