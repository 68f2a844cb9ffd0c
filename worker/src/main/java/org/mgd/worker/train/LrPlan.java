package org.mgd.worker.train;

import java.io.Serializable;
import org.mgd.common.spec.LrScheduleSpec;

/**
 * The learning rate of every step: {@code lr × schedule(t) × knots(t)}, where the optional knots
 * are the {@code lr_schedule} metaparameter (K values spread evenly over the run and linearly
 * interpolated; K = T gives one multiplier per step).
 */
public record LrPlan(double baseLr, LrScheduleSpec schedule, double[] knots, int steps) implements Serializable {

    public double lr(int t) {
        double lr = baseLr * schedule.multiplier(t, steps);
        return knots == null ? lr : lr * LrScheduleSpec.interpolate(knots, LrScheduleSpec.position(t, steps));
    }

    /** The learning rate of every step, 0 to T − 1. */
    public double[] all() {
        double[] lr = new double[steps];
        for (int t = 0; t < steps; t++) {
            lr[t] = lr(t);
        }
        return lr;
    }

    /**
     * Adds step t's share of ∂φ/∂knots, given {@code lrBar} = ∂φ/∂lr_t: the learning rate is
     * linear in the two knots around step t.
     */
    public void addKnotAdjoint(int t, double lrBar, double[] knotsBar) {
        double x = LrScheduleSpec.position(t, steps) * (knots.length - 1);
        int i = Math.min((int) Math.floor(x), knots.length - 2);
        double frac = x - i;
        double scale = lrBar * baseLr * schedule.multiplier(t, steps);
        knotsBar[i] += scale * (1 - frac);
        knotsBar[i + 1] += scale * frac;
    }
}
