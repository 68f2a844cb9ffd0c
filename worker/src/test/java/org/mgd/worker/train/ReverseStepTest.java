package org.mgd.worker.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mgd.common.spec.JobSpec;
import org.mgd.worker.metagrad.GradientVjp;
import org.mgd.worker.task.Setup;
import org.mgd.worker.testing.Specs;

/**
 * Each optimizer's reverse step alone, against central differences of that one step: with
 * f(s_{t+1}) = ⟨a, θ'⟩ + Σ⟨b_i, buffer_i'⟩, the adjoint of s_t (with a, b as the adjoint of
 * s_{t+1}) must be the gradient of f∘h_t in θ, in each buffer, and in the learning rate.
 */
class ReverseStepTest {

    @ParameterizedTest
    @ValueSource(strings = {"{type: sgd, lr: 0.1, momentum: 0.9}",
        "{type: sgd, lr: 0.1, momentum: 0.9, nesterov: true, weight_decay: 0.01}",
        "{type: sgd, lr: 0.1}",
        "{type: adam, lr: 0.01, weight_decay: 0.01}",
        "{type: adam, lr: 0.01, eps_root: 0.0, beta2: 0.99}"})
    void reverseStepMatchesFiniteDifferencesOfOneStep(String optimizer) {
        JobSpec spec = Specs.example("digits-mlp.yaml", "model.hidden=[16]", "training.optimizer=" + optimizer,
                "training.steps=20");
        Setup setup = Setup.prepare(spec, null, 0);
        Training training = setup.training();
        TrainState s = training.initialState();
        for (int i = 0; i < 7; i++) {
            s = training.step(s); // buffers are non-zero from here on
        }
        final TrainState state = s;
        double lr = training.lrs().lr(state.step());
        double[] grad = training.gradient(state);
        SplittableRandom random = new SplittableRandom(11);
        Adjoint next = new Adjoint(randomLike(state.params(), random), randomBuffers(state, random));
        int[] batch = training.batches().batch(state.step());
        GradientVjp vjp = new GradientVjp(training.loss(), GradientVjp.DEFAULT_RELATIVE_STEP, false);
        Reversed r = training.optimizer().reverse(state, grad, lr, next,
                u -> vjp.apply(state.params(), batch, u, false, false).hu());

        // θ direction
        double[] d = randomLike(state.params(), random);
        double h = 1e-5;
        double fd = (f(training, shiftParams(state, d, h), lr, next) - f(training, shiftParams(state, d, -h), lr, next))
                / (2 * h);
        assertClose(dot(r.previous().params(), d), fd, "θ");
        // each buffer direction (the gradient does not depend on the buffers)
        for (int b = 0; b < state.buffers().length; b++) {
            // Relative perturbations keep Adam's second moment positive.
            double[] db = randomLike(state.params(), random);
            for (int i = 0; i < db.length; i++) {
                db[i] *= Math.abs(state.buffers()[b][i]);
            }
            double fdb = (fAt(training, shiftBuffer(state, b, db, h), grad, lr, next)
                    - fAt(training, shiftBuffer(state, b, db, -h), grad, lr, next)) / (2 * h);
            assertClose(dot(r.previous().buffers()[b], db), fdb, "buffer " + b);
        }
        double hl = 1e-6 * lr;
        double fdl = (fAt(training, state, grad, lr + hl, next) - fAt(training, state, grad, lr - hl, next)) / (2 * hl);
        assertClose(r.lrAdjoint(), fdl, "lr");
    }

    private static void assertClose(double analytic, double fd, String what) {
        double rel = Math.abs(analytic - fd) / Math.max(Math.abs(fd), 1e-300);
        assertTrue(rel <= 1e-6, what + ": reverse step " + analytic + ", finite differences " + fd + ", rel " + rel);
    }

    /** f(h_t(s)) with the gradient recomputed at s (for θ perturbations). */
    private static double f(Training training, TrainState s, double lr, Adjoint a) {
        return fAt(training, s, training.gradient(s), lr, a);
    }

    private static double fAt(Training training, TrainState s, double[] grad, double lr, Adjoint a) {
        TrainState next = training.optimizer().step(s, grad, lr);
        double v = dot(a.params(), next.params());
        for (int b = 0; b < next.buffers().length; b++) {
            v += dot(a.buffers()[b], next.buffers()[b]);
        }
        return v;
    }

    private static TrainState shiftParams(TrainState s, double[] d, double h) {
        double[] p = s.params().clone();
        for (int i = 0; i < p.length; i++) {
            p[i] += h * d[i];
        }
        return new TrainState(s.step(), p, s.buffers());
    }

    private static TrainState shiftBuffer(TrainState s, int b, double[] d, double h) {
        TrainState c = s.copy();
        for (int i = 0; i < d.length; i++) {
            c.buffers()[b][i] += h * d[i];
        }
        return c;
    }

    private static double[] randomLike(double[] a, SplittableRandom r) {
        double[] x = new double[a.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        return x;
    }

    private static double[][] randomBuffers(TrainState s, SplittableRandom r) {
        double[][] b = new double[s.buffers().length][];
        for (int i = 0; i < b.length; i++) {
            b[i] = randomLike(s.buffers()[i], r);
        }
        return b;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
