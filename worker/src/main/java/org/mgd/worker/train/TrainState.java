package org.mgd.worker.train;

import java.io.Serializable;

/**
 * Everything one optimizer step reads: the step count, the parameters, and the optimizer's
 * buffers (momentum; Adam's moments). Steps never modify a state; they return a new one, so a
 * state can be kept as a checkpoint and replayed from.
 */
public record TrainState(int step, double[] params, double[][] buffers) implements Serializable {

    /** A deep copy (for checkpoints that must outlive the arrays they came from). */
    public TrainState copy() {
        double[][] b = new double[buffers.length][];
        for (int i = 0; i < b.length; i++) {
            b[i] = buffers[i].clone();
        }
        return new TrainState(step, params.clone(), b);
    }
}
