package org.mgd.worker.train;

import java.io.Serializable;

/** Told after every training step (for progress lines); must be cheap. */
@FunctionalInterface
public interface StepListener extends Serializable {
    StepListener NONE = (step, steps, loss) -> { };

    /** {@code step} steps of {@code steps} are done; {@code loss} is the last minibatch's loss. */
    void onStep(int step, int steps, double loss);
}
