package org.mgd.driver.mgd;

import java.util.function.IntToDoubleFunction;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.MgdSpec;

/**
 * One rule for stepping metaparameters along their (seed-averaged) metagradient, projection
 * included, as a pure function: state in, state out, randomness from (MGD seed, meta-step), so a
 * resumed run takes exactly the steps an uninterrupted one would.
 */
public interface MetaOptimizer {

    record Step(Metaparameters next, double[][] state) {}

    double[][] initialState(Metaparameters start);

    Step step(Metaparameters z, double[] gradient, int metaStep, double[][] state);

    /** The meta-optimizer of an MGD spec; {@code trainSize} sizes the selection budget. */
    static MetaOptimizer of(MgdSpec mgd, int trainSize) {
        MgdSpec.MetaOptimizerSpec o = mgd.optimizer();
        IntToDoubleFunction step = t -> o.stepAt(t, mgd.steps());
        return switch (mgd.task()) {
            case SELECT -> o.type().equals("signed")
                    ? new SignedSelection(step, o.fraction(), mgd.seed(), StartingPoint.budget(mgd, trainSize))
                    : new ExchangeSelection(o.swap());
            case POISON -> new ProjectedPixels(step, direction(o), mgd.radius());
            case SCHEDULE -> new LogSchedule(step, direction(o));
        };
    }

    private static StepDirection direction(MgdSpec.MetaOptimizerSpec o) {
        return o.type().equals("adam") ? StepDirection.adam(o.beta1(), o.beta2()) : StepDirection.signed();
    }

    static double sign(double x) {
        return x > 0 ? 1 : x < 0 ? -1 : 0;
    }
}
