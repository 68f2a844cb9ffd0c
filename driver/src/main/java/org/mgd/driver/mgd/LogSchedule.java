package org.mgd.driver.mgd;

import java.util.function.IntToDoubleFunction;
import org.mgd.common.meta.Metaparameters;

/**
 * Learning-rate schedules are stepped in log space, y = log(knot), so they stay positive
 * without a projection: Adam on y (state: moments and step count), or signed steps on y.
 * ∂φ/∂y = ∂φ/∂knot · knot.
 */
final class LogSchedule implements MetaOptimizer {
    private final IntToDoubleFunction step;
    private final boolean adam;
    private final double beta1;
    private final double beta2;

    LogSchedule(IntToDoubleFunction step, boolean adam, double beta1, double beta2) {
        this.step = step;
        this.adam = adam;
        this.beta1 = beta1;
        this.beta2 = beta2;
    }

    @Override
    public double[][] initialState(Metaparameters start) {
        int k = start.size();
        return new double[][] {new double[k], new double[k], new double[1]};
    }

    @Override
    public Step step(Metaparameters z, double[] g, int metaStep, double[][] state) {
        double[] knots = z.values();
        double[] m = state[0].clone();
        double[] v = state[1].clone();
        double t = state[2][0] + 1;
        double size = step.applyAsDouble(metaStep);
        for (int i = 0; i < knots.length; i++) {
            double gy = g[i] * knots[i];
            double y = Math.log(knots[i]);
            if (adam) {
                m[i] = beta1 * m[i] + (1 - beta1) * gy;
                v[i] = beta2 * v[i] + (1 - beta2) * gy * gy;
                double mHat = m[i] / (1 - Math.pow(beta1, t));
                double vHat = v[i] / (1 - Math.pow(beta2, t));
                y -= size * mHat / (Math.sqrt(vHat) + 1e-12);
            } else {
                y -= size * MetaOptimizer.sign(gy);
            }
            knots[i] = Math.exp(y);
        }
        return new Step(Metaparameters.lrSchedule(knots), new double[][] {m, v, {t}});
    }
}
