package org.mgd.worker.metagrad;

import org.mgd.common.meta.MetaKind;
import org.mgd.worker.train.LrPlan;

/** ∂φ/∂knots: each step's learning rate is linear in the two knots around it. */
final class LrScheduleAdjoint implements MetaAdjoint {
    private final LrPlan plan;
    private final double[] bar;

    LrScheduleAdjoint(LrPlan plan) {
        this.plan = plan;
        this.bar = new double[plan.knots().length];
    }

    @Override
    public MetaKind kind() {
        return MetaKind.LR_SCHEDULE;
    }

    @Override
    public void addLearningRateTerm(int t, double lrBar) {
        plan.addKnotAdjoint(t, lrBar, bar);
    }

    @Override
    public double[] values() {
        return bar.clone();
    }
}
