package org.mgd.worker.train;

/**
 * One deterministic training run {@code A(z)}: T steps {@code s_{t+1} = h_t(s_t)}, each the
 * optimizer applied to the minibatch gradient at step t's batch and learning rate. {@link #step}
 * is the unit that replaying (and later reversing) training is built from.
 */
public final class Training {
    private final Optimizer optimizer;
    private final MinibatchLoss loss;
    private final BatchSchedule batches;
    private final LrPlan lrs;
    private final int steps;
    private final double[] initialParams;
    private final int[] runningStatistics;
    private double lastLoss = Double.NaN;

    public Training(Optimizer optimizer, MinibatchLoss loss, BatchSchedule batches, LrPlan lrs, int steps,
                    double[] initialParams) {
        this(optimizer, loss, batches, lrs, steps, initialParams, new int[0]);
    }

    /** {@code runningStatistics}: parameter indices that are BatchNorm state, not parameters. */
    public Training(Optimizer optimizer, MinibatchLoss loss, BatchSchedule batches, LrPlan lrs, int steps,
                    double[] initialParams, int[] runningStatistics) {
        this.optimizer = optimizer;
        this.loss = loss;
        this.batches = batches;
        this.lrs = lrs;
        this.steps = steps;
        this.initialParams = initialParams.clone();
        this.runningStatistics = runningStatistics.clone();
    }

    /** Whether training carries BatchNorm running statistics in its state. */
    public boolean hasRunningStatistics() {
        return runningStatistics.length > 0;
    }

    /** The parameter indices that are BatchNorm running statistics (they take no optimizer step). */
    public int[] runningStatistics() {
        return runningStatistics.clone();
    }

    public int steps() {
        return steps;
    }

    public MinibatchLoss loss() {
        return loss;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public BatchSchedule batches() {
        return batches;
    }

    public LrPlan lrs() {
        return lrs;
    }

    public TrainState initialState() {
        return optimizer.init(initialParams);
    }

    /** The minibatch loss of the last step taken. */
    public double lastLoss() {
        return lastLoss;
    }

    /** {@code h_t}: the state after step {@code s.step()}; stops with a clear error on NaN/Inf. */
    public TrainState step(TrainState s) {
        return apply(s, gradient(s));
    }

    /** The minibatch gradient {@code g_t} at state s (a fresh array); checks it is finite. */
    public double[] gradient(TrainState s) {
        int t = s.step();
        double[] g = new double[initialParams.length];
        lastLoss = loss.gradient(s.params(), batches.batch(t), g);
        if (!Double.isFinite(lastLoss)) {
            throw new TrainingDivergedException(t, "the minibatch loss is " + lastLoss, lrs.lr(t));
        }
        for (double x : g) {
            if (!Double.isFinite(x)) {
                throw new TrainingDivergedException(t, "the gradient has a non-finite entry", lrs.lr(t));
            }
        }
        return g;
    }

    /**
     * The optimizer's step from s with a gradient already computed at s. BatchNorm's running
     * statistics take their moving-average step instead (their gradient slots hold the change,
     * averaged over the batch like every slot: hence the batch size).
     */
    public TrainState apply(TrainState s, double[] g) {
        TrainState next = optimizer.step(s, g, lrs.lr(s.step()));
        int batchSize = batches.batchSize();
        for (int i : runningStatistics) {
            next.params()[i] = s.params()[i] - batchSize * g[i];
        }
        return next;
    }

    /** All T steps from the initial state. */
    public TrainState run(StepListener listener) {
        TrainState s = initialState();
        while (s.step() < steps) {
            s = step(s);
            listener.onStep(s.step(), steps, lastLoss);
        }
        return s;
    }
}
