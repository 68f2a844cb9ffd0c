package org.mgd.worker.train;

import java.io.Serializable;
import org.mgd.common.spec.OptimizerSpec;

/**
 * One optimizer: a pure step {@code s_{t+1} = h(s_t, g_t, lr_t)}, elementwise algebra in float64
 * Java around the gradient {@code g_t} of the minibatch loss at {@code s_t.params()}.
 * A new optimizer is one new class.
 */
public interface Optimizer extends Serializable {

    /** The state before the first step: the given parameters, zeroed buffers, step 0. */
    TrainState init(double[] params);

    /** The next state; {@code state} and {@code grad} are left untouched. */
    TrainState step(TrainState state, double[] grad, double lr);

    static Optimizer of(OptimizerSpec spec) {
        if (spec instanceof OptimizerSpec.Adam a) {
            return new AdamOptimizer(a.beta1(), a.beta2(), a.eps(), a.epsRoot(), a.weightDecay());
        }
        OptimizerSpec.Sgd s = (OptimizerSpec.Sgd) spec;
        return new SgdOptimizer(s.momentum(), s.nesterov(), s.weightDecay());
    }
}
