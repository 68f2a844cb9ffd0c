package org.mgd.worker.metagrad;

import java.util.HashMap;
import java.util.Map;
import org.mgd.common.meta.MetaKind;

/** ∂φ/∂x_i for the replaced training examples, from the input-gradient slopes of the VJP. */
final class InputsAdjoint implements MetaAdjoint {
    private final Map<Integer, Integer> rowOf = new HashMap<>();
    private final int features;
    private final double[] bar;

    InputsAdjoint(int[] indices, int features) {
        for (int r = 0; r < indices.length; r++) {
            rowOf.put(indices[r], r);
        }
        this.features = features;
        this.bar = new double[indices.length * features];
    }

    @Override
    public MetaKind kind() {
        return MetaKind.INPUTS;
    }

    @Override
    public boolean needsInputGradients() {
        return true;
    }

    @Override
    public void addGradientTerm(int t, int[] batch, GradientVjp.Result vjp) {
        double[] slopes = vjp.inputSlopes();
        for (int k = 0; k < batch.length; k++) {
            Integer r = rowOf.get(batch[k]);
            if (r != null) {
                for (int j = 0; j < features; j++) {
                    bar[r * features + j] += slopes[k * features + j];
                }
            }
        }
    }

    @Override
    public double[] values() {
        return bar.clone();
    }
}
