package org.mgd.driver.mgd;

import java.util.function.IntToDoubleFunction;
import org.mgd.common.meta.Metaparameters;

/**
 * Poisoning: projected signed-gradient steps on the poison pixels, {@code x ← Π(x − step·sign(g))},
 * (the step size may fall over the meta-steps), where Π clips to the pixel box [0, 1] and, with a radius, to the L∞ ball around the clean image
 * (kept as the optimizer's state). The objective is minus the target loss, so descending on it
 * raises the loss.
 */
final class SignedPixels implements MetaOptimizer {
    private final IntToDoubleFunction step;
    private final Double radius;

    SignedPixels(IntToDoubleFunction step, Double radius) {
        this.step = step;
        this.radius = radius;
    }

    @Override
    public double[][] initialState(Metaparameters start) {
        return new double[][] {start.values()};
    }

    @Override
    public Step step(Metaparameters z, double[] g, int metaStep, double[][] state) {
        double[] x = z.values();
        double[] clean = state[0];
        double size = step.applyAsDouble(metaStep);
        for (int i = 0; i < x.length; i++) {
            double v = x[i] - size * MetaOptimizer.sign(g[i]);
            if (radius != null) {
                v = Math.max(clean[i] - radius, Math.min(clean[i] + radius, v));
            }
            x[i] = Math.max(0, Math.min(1, v));
        }
        return new Step(Metaparameters.inputs(z.indices(), x), state);
    }
}
