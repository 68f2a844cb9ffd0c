package org.mgd.driver.mgd;

/**
 * How a meta-optimizer turns a metagradient into the direction of its step: its sign, or Adam's
 * bias-corrected m̂ / (√v̂ + ε). Both keep the same state, {@code {m, v, {t}}} (the signed rule
 * leaves it as it is), so a rule's saved state has one layout whichever direction it uses.
 */
final class StepDirection {
    private final boolean adam;
    private final double beta1;
    private final double beta2;

    private StepDirection(boolean adam, double beta1, double beta2) {
        this.adam = adam;
        this.beta1 = beta1;
        this.beta2 = beta2;
    }

    static StepDirection signed() {
        return new StepDirection(false, 0, 0);
    }

    static StepDirection adam(double beta1, double beta2) {
        return new StepDirection(true, beta1, beta2);
    }

    record Update(double[] direction, double[][] state) {}

    double[][] initialState(int n) {
        return new double[][] {new double[n], new double[n], new double[1]};
    }

    Update apply(double[] g, double[][] state) {
        double[] d = new double[g.length];
        if (!adam) {
            for (int i = 0; i < g.length; i++) {
                d[i] = MetaOptimizer.sign(g[i]);
            }
            return new Update(d, state);
        }
        double[] m = state[0].clone();
        double[] v = state[1].clone();
        double t = state[2][0] + 1;
        for (int i = 0; i < g.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            double mHat = m[i] / (1 - Math.pow(beta1, t));
            double vHat = v[i] / (1 - Math.pow(beta2, t));
            d[i] = mHat / (Math.sqrt(vHat) + 1e-12);
        }
        return new Update(d, new double[][] {m, v, {t}});
    }
}
