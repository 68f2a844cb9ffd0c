package org.mgd.worker.train;

import java.io.Serializable;
import org.mgd.common.spec.OptimizerSpec;

/**
 * One optimizer: a pure step {@code s_{t+1} = h(s_t, g_t, lr_t)}, elementwise algebra in float64
 * Java around the gradient {@code g_t} of the minibatch loss at {@code s_t.params()}.
 * A new optimizer is one new class: its step and the reverse of its step.
 */
public interface Optimizer extends Serializable {

    /** The state before the first step: the given parameters, zeroed buffers, step 0. */
    TrainState init(double[] params);

    /** The next state; {@code state} and {@code grad} are left untouched. */
    TrainState step(TrainState state, double[] grad, double lr);

    /**
     * Reverse-mode through {@link #step}: given the state {@code s_t} it was applied to, the
     * gradient {@code g_t} at it, the learning rate, and the adjoint of {@code s_{t+1}}, returns
     * the adjoint of {@code s_t} and of {@code lr}. The gradient's own derivative enters only as
     * {@code hvp} along the adjoint that reaches {@code g_t}.
     */
    Reversed reverse(TrainState state, double[] grad, double lr, Adjoint next, HessianVectorProduct hvp);

    static Optimizer of(OptimizerSpec spec) {
        if (spec instanceof OptimizerSpec.Adam a) {
            return new AdamOptimizer(a.beta1(), a.beta2(), a.eps(), a.epsRoot(), a.weightDecay());
        }
        OptimizerSpec.Sgd s = (OptimizerSpec.Sgd) spec;
        return new SgdOptimizer(s.momentum(), s.nesterov(), s.weightDecay());
    }
}
