package org.mgd.worker.replay;

import org.mgd.common.checkpoint.Checkpoint;
import org.mgd.worker.train.TrainState;

/** Training states to and from the checkpoint store's format. */
final class States {
    private States() {}

    static Checkpoint toCheckpoint(TrainState s) {
        double[][] arrays = new double[s.buffers().length + 1][];
        arrays[0] = s.params();
        System.arraycopy(s.buffers(), 0, arrays, 1, s.buffers().length);
        return new Checkpoint(s.step(), arrays);
    }

    static TrainState fromCheckpoint(Checkpoint c) {
        double[][] buffers = new double[c.arrays().length - 1][];
        System.arraycopy(c.arrays(), 1, buffers, 0, buffers.length);
        return new TrainState(c.step(), c.arrays()[0], buffers);
    }
}
