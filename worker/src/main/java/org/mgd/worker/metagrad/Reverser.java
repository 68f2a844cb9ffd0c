package org.mgd.worker.metagrad;

import org.mgd.common.MgdException;
import org.mgd.worker.model.RunningStatisticsStep;
import org.mgd.worker.train.Adjoint;
import org.mgd.worker.train.Reversed;
import org.mgd.worker.train.StepListener;
import org.mgd.worker.train.TrainState;
import org.mgd.worker.train.Training;

/**
 * The operations a replay schedule combines: advance a state, take its gradient, reverse one
 * step, start the reverse pass from the final state. Every operation is counted in the stats;
 * schedules decide only which states to keep.
 */
public final class Reverser {
    private final Training training;
    private final GradientVjp vjp;
    private final MetaAdjoint meta;
    private final ObjectiveFunction objective;
    private final StepListener progress;
    /** Null without BatchNorm. */
    private final RunningStatisticsAdjoint runningStatistics;
    private final ReplayStats stats = new ReplayStats();
    private double objectiveValue = Double.NaN;
    private double[] finalParams;
    private int reversed;

    public Reverser(Training training, GradientVjp vjp, MetaAdjoint meta, ObjectiveFunction objective,
                    StepListener progress) {
        this.training = training;
        this.vjp = vjp;
        this.meta = meta;
        this.objective = objective;
        this.progress = progress;
        this.runningStatistics = RunningStatisticsAdjoint.of(training);
    }

    /** A state together with the minibatch gradient at it (what reversing its step needs). */
    public record Stepped(TrainState state, double[] grad) {}

    public int steps() {
        return training.steps();
    }

    public ReplayStats stats() {
        return stats;
    }

    public double objectiveValue() {
        return objectiveValue;
    }

    /** θ_T, once the forward pass has reached it. */
    public double[] finalParams() {
        return finalParams;
    }

    public TrainState initialState() {
        return training.initialState();
    }

    /** s_{t+1} from s_t. */
    public TrainState advance(TrainState s) {
        stats.forwardStep();
        stats.gradientEvaluations(1);
        return training.step(s);
    }

    /**
     * Advances to step {@code to}; the states passed through live one at a time and count as
     * one live state while they do (the result is the caller's to store or drop).
     */
    public TrainState advanceTo(TrainState s, int to) {
        if (s.step() >= to) {
            return s;
        }
        stats.acquire();
        while (s.step() < to) {
            s = advance(s);
        }
        stats.release();
        return s;
    }

    /** s_t with g_t, ready to be reversed or stepped without another gradient evaluation. */
    public Stepped withGradient(TrainState s) {
        stats.gradientEvaluations(1);
        return new Stepped(s, training.gradient(s));
    }

    /** s_{t+1} from a state whose gradient is known. */
    public TrainState advance(Stepped s) {
        stats.forwardStep();
        return training.apply(s.state(), s.grad());
    }

    /** φ(θ_T) and the adjoint of the final state. */
    public Adjoint start(TrainState last) {
        finalParams = last.params();
        double[] grad = new double[last.params().length];
        objectiveValue = objective.valueAndGradient(last.params(), grad);
        stats.gradientEvaluations(1);
        return Adjoint.ofFinal(grad, last);
    }

    /**
     * The adjoint of s_t from that of s_{t+1}; credits the metaparameters with step t's share.
     * With BatchNorm the running statistics' moving average is reversed beside the optimizer
     * (one more gradient evaluation) and its share of the inputs joins the gradient's.
     */
    public Adjoint reverse(Stepped s, Adjoint next) {
        int t = s.state().step();
        int[] batch = training.batches().batch(t);
        double lr = training.lrs().lr(t);
        RunningStatisticsStep.Share share = null;
        Adjoint forOptimizer = next;
        if (runningStatistics != null) {
            share = runningStatistics.share(s.state().params(), batch, next, meta.needsInputGradients());
            stats.gradientEvaluations(1);
            forOptimizer = runningStatistics.withoutStatistics(next);
        }
        double[] inputShare = share == null ? null : share.inputs();
        Reversed r = training.optimizer().reverse(s.state(), s.grad(), lr, forOptimizer, u -> {
            meta.atGradientAdjoint(t, s.state().params(), u);
            GradientVjp.Result v = vjp.apply(s.state().params(), batch, u, meta.needsExampleLosses(),
                    meta.needsInputGradients());
            stats.gradientEvaluations(2);
            meta.addGradientTerm(t, batch, v.plusInputSlopes(inputShare));
            return v.hu();
        });
        meta.addLearningRateTerm(t, r.lrAdjoint());
        Adjoint previous = share == null ? r.previous() : runningStatistics.combine(r.previous(), share);
        String bad = previous.firstNonFinite();
        if (bad != null || !Double.isFinite(r.lrAdjoint())) {
            throw new MgdException("the metagradient diverged at step " + t + ": "
                    + (bad != null ? bad : "the learning-rate adjoint") + " is not finite");
        }
        progress.onStep(++reversed, training.steps(), objectiveValue);
        return previous;
    }
}
