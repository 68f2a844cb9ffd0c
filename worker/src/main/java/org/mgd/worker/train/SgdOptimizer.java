package org.mgd.worker.train;

/**
 * SGD with momentum μ, optional Nesterov, and coupled weight decay λ, in PyTorch's convention:
 * {@code g = ∇L + λθ;  m' = μm + g;  θ' = θ − η(Nesterov ? g + μm' : m')}. Buffers: {@code [m]}.
 */
public record SgdOptimizer(double momentum, boolean nesterov, double weightDecay) implements Optimizer {

    @Override
    public TrainState init(double[] params) {
        return new TrainState(0, params.clone(), new double[][] {new double[params.length]});
    }

    @Override
    public TrainState step(TrainState state, double[] grad, double lr) {
        double[] theta = state.params();
        double[] m = state.buffers()[0];
        double[] nextTheta = new double[theta.length];
        double[] nextM = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double g = grad[i] + weightDecay * theta[i];
            nextM[i] = momentum * m[i] + g;
            double update = nesterov ? g + momentum * nextM[i] : nextM[i];
            nextTheta[i] = theta[i] - lr * update;
        }
        return new TrainState(state.step() + 1, nextTheta, new double[][] {nextM});
    }

    /**
     * With d = (Nesterov ? g + μm' : m'): θ̄ reaches d as −η θ̄', the learning rate as −⟨θ̄', d⟩;
     * m' collects m̄' and its share of d̄; the gradient gets u = ḡ, which flows to θ through
     * H u + λ u and to m through μ.
     */
    @Override
    public Reversed reverse(TrainState state, double[] grad, double lr, Adjoint next, HessianVectorProduct hvp) {
        double[] theta = state.params();
        double[] m = state.buffers()[0];
        double[] thetaBar = next.params();
        double[] mBarNext = next.buffers()[0];
        int n = theta.length;
        double[] u = new double[n];
        double[] mBar = new double[n];
        double lrBar = 0;
        for (int i = 0; i < n; i++) {
            double g = grad[i] + weightDecay * theta[i];
            double mNext = momentum * m[i] + g;
            double d = nesterov ? g + momentum * mNext : mNext;
            lrBar -= thetaBar[i] * d;
            double dBar = -lr * thetaBar[i];
            double mNextTotal = mBarNext[i] + (nesterov ? momentum * dBar : dBar);
            u[i] = mNextTotal + (nesterov ? dBar : 0);
            mBar[i] = momentum * mNextTotal;
        }
        double[] hu = hvp.apply(u);
        double[] thetaBarPrev = new double[n];
        for (int i = 0; i < n; i++) {
            thetaBarPrev[i] = thetaBar[i] + hu[i] + weightDecay * u[i];
        }
        return new Reversed(new Adjoint(thetaBarPrev, new double[][] {mBar}), lrBar);
    }
}
