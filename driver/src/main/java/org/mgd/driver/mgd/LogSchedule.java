package org.mgd.driver.mgd;

import java.util.function.IntToDoubleFunction;
import org.mgd.common.meta.Metaparameters;

/**
 * Learning-rate schedules are stepped in log space, y = log(knot), so they stay positive
 * without a projection: Adam or signed steps on y. ∂φ/∂y = ∂φ/∂knot · knot.
 */
final class LogSchedule implements MetaOptimizer {
    private final IntToDoubleFunction step;
    private final StepDirection direction;

    LogSchedule(IntToDoubleFunction step, StepDirection direction) {
        this.step = step;
        this.direction = direction;
    }

    @Override
    public double[][] initialState(Metaparameters start) {
        return direction.initialState(start.size());
    }

    @Override
    public Step step(Metaparameters z, double[] g, int metaStep, double[][] state) {
        double[] knots = z.values();
        double[] gy = new double[knots.length];
        for (int i = 0; i < knots.length; i++) {
            gy[i] = g[i] * knots[i];
        }
        StepDirection.Update u = direction.apply(gy, state);
        double size = step.applyAsDouble(metaStep);
        for (int i = 0; i < knots.length; i++) {
            knots[i] = Math.exp(Math.log(knots[i]) - size * u.direction()[i]);
        }
        return new Step(Metaparameters.lrSchedule(knots), u.state());
    }
}
