package org.mgd.worker.train;

/**
 * Adam with bias correction, decoupled weight decay (AdamW) and {@code epsRoot} inside the root:
 * {@code m' = β1 m + (1−β1)g;  v' = β2 v + (1−β2)g²;  D = sqrt(v̂' + ε_root) + ε;
 * θ' = θ − η(m̂'/D + λθ)}. Buffers: {@code [m, v]}.
 */
public record AdamOptimizer(double beta1, double beta2, double eps, double epsRoot, double weightDecay)
        implements Optimizer {

    @Override
    public TrainState init(double[] params) {
        return new TrainState(0, params.clone(), new double[][] {new double[params.length], new double[params.length]});
    }

    @Override
    public TrainState step(TrainState state, double[] grad, double lr) {
        double[] theta = state.params();
        double[] m = state.buffers()[0];
        double[] v = state.buffers()[1];
        int t = state.step() + 1;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        double[] nextTheta = new double[theta.length];
        double[] nextM = new double[theta.length];
        double[] nextV = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double g = grad[i];
            nextM[i] = beta1 * m[i] + (1 - beta1) * g;
            nextV[i] = beta2 * v[i] + (1 - beta2) * g * g;
            double denominator = Math.sqrt(nextV[i] / c2 + epsRoot) + eps;
            nextTheta[i] = theta[i] - lr * (nextM[i] / c1 / denominator + weightDecay * theta[i]);
        }
        return new TrainState(t, nextTheta, new double[][] {nextM, nextV});
    }
}
