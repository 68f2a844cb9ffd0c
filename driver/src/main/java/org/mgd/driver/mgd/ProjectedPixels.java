package org.mgd.driver.mgd;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import org.mgd.common.meta.Metaparameters;

/**
 * Poisoning: projected steps on the poison pixels, {@code x ← Π(x − step·d)}, d the sign of the
 * metagradient or Adam's direction (the step size may fall over the meta-steps). Π clips to the
 * pixel box [0, 1] and, with a radius, to the L∞ ball around the clean image. State: the clean
 * pixels, then the direction's. The objective is minus the target loss, so descending on it
 * raises the loss.
 */
final class ProjectedPixels implements MetaOptimizer {
    private final IntToDoubleFunction step;
    private final StepDirection direction;
    private final Double radius;

    ProjectedPixels(IntToDoubleFunction step, StepDirection direction, Double radius) {
        this.step = step;
        this.direction = direction;
        this.radius = radius;
    }

    @Override
    public double[][] initialState(Metaparameters start) {
        double[][] d = direction.initialState(start.size());
        return new double[][] {start.values(), d[0], d[1], d[2]};
    }

    @Override
    public Step step(Metaparameters z, double[] g, int metaStep, double[][] state) {
        double[] x = z.values();
        double[] clean = state[0];
        // States saved before the pixels could take Adam steps hold the clean pixels alone.
        double[][] own = state.length > 1 ? Arrays.copyOfRange(state, 1, 4) : direction.initialState(x.length);
        StepDirection.Update u = direction.apply(g, own);
        double size = step.applyAsDouble(metaStep);
        for (int i = 0; i < x.length; i++) {
            double v = x[i] - size * u.direction()[i];
            if (radius != null) {
                v = Math.max(clean[i] - radius, Math.min(clean[i] + radius, v));
            }
            x[i] = Math.max(0, Math.min(1, v));
        }
        double[][] next = {clean, u.state()[0], u.state()[1], u.state()[2]};
        return new Step(Metaparameters.inputs(z.indices(), x), next);
    }
}
