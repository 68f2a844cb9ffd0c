package org.mgd.worker.train;

import org.mgd.common.MgdException;

/** Training produced a NaN or infinite loss or gradient: stops the run and names the step. */
public final class TrainingDivergedException extends MgdException {
    private final int step;

    public TrainingDivergedException(int step, String what, double lr) {
        super("training diverged at step " + step + ": " + what + " (learning rate there: " + lr
                + "; try a smaller training.optimizer.lr)");
        this.step = step;
    }

    public int step() {
        return step;
    }
}
