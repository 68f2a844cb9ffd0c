package org.mgd.common.spec;

import java.io.Serializable;

/** The optimizer and its hyperparameters; {@code lr} is the peak the schedule multiplies. */
public sealed interface OptimizerSpec extends Serializable {
    double lr();

    double weightDecay();

    /** The same optimizer with another peak learning rate. */
    OptimizerSpec withLr(double newLr);

    /** SGD with (optionally Nesterov) momentum and coupled weight decay, in PyTorch's convention. */
    record Sgd(double lr, double momentum, boolean nesterov, double weightDecay) implements OptimizerSpec {
        public Sgd withLr(double newLr) {
            return new Sgd(newLr, momentum, nesterov, weightDecay);
        }
    }

    /**
     * Adam with decoupled weight decay (AdamW) and {@code epsRoot} inside the square root, which
     * keeps its reverse step bounded where the second moment is near zero.
     */
    record Adam(double lr, double beta1, double beta2, double eps, double epsRoot, double weightDecay)
            implements OptimizerSpec {
        public Adam withLr(double newLr) {
            return new Adam(newLr, beta1, beta2, eps, epsRoot, weightDecay);
        }
    }
}
