package org.mgd.worker.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mgd.common.spec.OptimizerSpec;

/** Each optimizer's step against the same step worked out by hand on a two-parameter model. */
class OptimizerTest {
    private final double[] theta = {1.0, -2.0};
    private final double[] grad = {0.5, 0.25};

    @Test
    void sgdWithMomentumAndCoupledWeightDecay() {
        Optimizer sgd = Optimizer.of(new OptimizerSpec.Sgd(0.1, 0.9, false, 0.01));
        TrainState s0 = sgd.init(theta);
        TrainState s1 = sgd.step(s0, grad, 0.1);
        // g = grad + 0.01 θ = (0.51, 0.23); m1 = g; θ1 = θ - 0.1 g
        assertArrayEquals(new double[] {0.51, 0.23}, s1.buffers()[0], 1e-15);
        assertArrayEquals(new double[] {1.0 - 0.051, -2.0 - 0.023}, s1.params(), 1e-15);
        TrainState s2 = sgd.step(s1, grad, 0.05);
        double g0 = 0.5 + 0.01 * 0.949;
        double g1 = 0.25 + 0.01 * -2.023;
        double m0 = 0.9 * 0.51 + g0;
        double m1 = 0.9 * 0.23 + g1;
        assertArrayEquals(new double[] {m0, m1}, s2.buffers()[0], 1e-15);
        assertArrayEquals(new double[] {0.949 - 0.05 * m0, -2.023 - 0.05 * m1}, s2.params(), 1e-15);
        assertEquals(2, s2.step());
        assertArrayEquals(new double[] {1.0, -2.0}, s0.params(), 0.0, "steps must not modify their input");
    }

    @Test
    void nesterovUsesTheLookAheadUpdate() {
        Optimizer sgd = Optimizer.of(new OptimizerSpec.Sgd(0.1, 0.5, true, 0.0));
        TrainState s1 = sgd.step(sgd.init(theta), grad, 0.1);
        // m1 = g; update = g + 0.5 m1 = 1.5 g
        assertArrayEquals(new double[] {1.0 - 0.1 * 0.75, -2.0 - 0.1 * 0.375}, s1.params(), 1e-15);
        TrainState s2 = sgd.step(s1, grad, 0.1);
        // m2 = 0.5 m1 + g = 1.5 g; update = g + 0.5 m2 = 1.75 g
        assertArrayEquals(new double[] {0.925 - 0.1 * 0.875, -2.0375 - 0.1 * 0.4375}, s2.params(), 1e-15);
    }

    @Test
    void adamWithBiasCorrectionEpsRootAndDecoupledDecay() {
        double b1 = 0.9;
        double b2 = 0.99;
        double eps = 1e-3;
        double epsRoot = 1e-4;
        double wd = 0.1;
        Optimizer adam = Optimizer.of(new OptimizerSpec.Adam(0.01, b1, b2, eps, epsRoot, wd));
        TrainState s1 = adam.step(adam.init(theta), grad, 0.01);
        TrainState s2 = adam.step(s1, new double[] {-0.5, 1.0}, 0.02);
        double[] expected = new double[2];
        double[][] g = {{0.5, 0.25}, {-0.5, 1.0}};
        double[] lrs = {0.01, 0.02};
        for (int i = 0; i < 2; i++) {
            double th = theta[i];
            double m = 0;
            double v = 0;
            for (int t = 1; t <= 2; t++) {
                m = b1 * m + (1 - b1) * g[t - 1][i];
                v = b2 * v + (1 - b2) * g[t - 1][i] * g[t - 1][i];
                double mHat = m / (1 - Math.pow(b1, t));
                double vHat = v / (1 - Math.pow(b2, t));
                th = th - lrs[t - 1] * (mHat / (Math.sqrt(vHat + epsRoot) + eps) + wd * th);
            }
            expected[i] = th;
        }
        assertArrayEquals(expected, s2.params(), 1e-15);
        assertArrayEquals(new double[] {0.9 * 0.05 + 0.1 * -0.5, 0.9 * 0.025 + 0.1 * 1.0}, s2.buffers()[0], 1e-15);
    }
}
