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
}
