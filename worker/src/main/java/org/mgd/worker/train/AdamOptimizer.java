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

    /**
     * Routes θ̄' through m̂' and v̂' (bias corrections included) into m̄' and v̄', then
     * u = (1−β1) m̄'_tot + 2(1−β2) g ⊙ v̄'_tot is what reaches g; decay acts on θ directly.
     */
    @Override
    public Reversed reverse(TrainState state, double[] grad, double lr, Adjoint next, HessianVectorProduct hvp) {
        double[] theta = state.params();
        double[] m = state.buffers()[0];
        double[] v = state.buffers()[1];
        double[] thetaBar = next.params();
        double[] mBarNext = next.buffers()[0];
        double[] vBarNext = next.buffers()[1];
        int t = state.step() + 1;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        int n = theta.length;
        double[] u = new double[n];
        double[] mBar = new double[n];
        double[] vBar = new double[n];
        double[] thetaBarPrev = new double[n];
        double lrBar = 0;
        for (int i = 0; i < n; i++) {
            double g = grad[i];
            double mHat = (beta1 * m[i] + (1 - beta1) * g) / c1;
            double vHat = (beta2 * v[i] + (1 - beta2) * g * g) / c2;
            double root = Math.sqrt(vHat + epsRoot);
            double denominator = root + eps;
            lrBar -= thetaBar[i] * (mHat / denominator + weightDecay * theta[i]);
            double mHatBar = -lr * thetaBar[i] / denominator;
            double denominatorBar = lr * thetaBar[i] * mHat / (denominator * denominator);
            // Where v̂ + ε_root = 0 the root has no derivative; a parameter that never had a
            // gradient also has m̂ = 0, hence D̄ = 0, and contributes nothing (not 0/0).
            double vHatBar = denominatorBar == 0 ? 0 : denominatorBar / (2 * root);
            double mTotal = mBarNext[i] + mHatBar / c1;
            double vTotal = vBarNext[i] + vHatBar / c2;
            u[i] = (1 - beta1) * mTotal + 2 * (1 - beta2) * g * vTotal;
            mBar[i] = beta1 * mTotal;
            vBar[i] = beta2 * vTotal;
            thetaBarPrev[i] = thetaBar[i] * (1 - lr * weightDecay);
        }
        double[] hu = hvp.apply(u);
        for (int i = 0; i < n; i++) {
            thetaBarPrev[i] += hu[i];
        }
        return new Reversed(new Adjoint(thetaBarPrev, new double[][] {mBar, vBar}), lrBar);
    }
}
