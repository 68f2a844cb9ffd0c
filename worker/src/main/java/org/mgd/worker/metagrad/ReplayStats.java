package org.mgd.worker.metagrad;

/**
 * What a metagradient cost, counted exactly: optimizer steps run forward (the first pass
 * included), gradient evaluations of any kind (forward, VJP, objective), and the most training
 * states alive at once (checkpoints, rebuilt states and the state being advanced).
 */
public final class ReplayStats implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private long forwardSteps;
    private long gradientEvaluations;
    private int liveStates;
    private int peakLiveStates;

    void forwardStep() {
        forwardSteps++;
    }

    void gradientEvaluations(int n) {
        gradientEvaluations += n;
    }

    public void acquire() {
        liveStates++;
        peakLiveStates = Math.max(peakLiveStates, liveStates);
    }

    public void release() {
        liveStates--;
    }

    public long forwardSteps() {
        return forwardSteps;
    }

    public long gradientEvaluations() {
        return gradientEvaluations;
    }

    public int peakLiveStates() {
        return peakLiveStates;
    }

    public int liveStates() {
        return liveStates;
    }
}
