package org.mgd.worker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mgd.common.spec.JobSpec;
import org.mgd.worker.eval.Evaluator;
import org.mgd.worker.metagrad.ObjectiveFunction;
import org.mgd.worker.task.Setup;
import org.mgd.worker.testing.Specs;
import org.mgd.worker.train.TrainState;
import org.mgd.worker.train.Training;

/**
 * The two BatchNorm derivatives DL4J does not give, against central differences: the objective's
 * gradient in inference mode (running statistics included) and the reverse of the running
 * statistics' moving-average step. Checked at a state 12 steps into training, where the running
 * statistics, γ and β are no longer at their initial values.
 */
class BatchNormDerivativesTest {
    private static final String[] MODELS = {
        "model={hidden: [8, 6], batchnorm: before}",
        "model={hidden: [8, 6], batchnorm: after, activation: softplus}",
        "model={type: cnn, conv: [3], hidden: [6], pool: avg, batchnorm: before}",
    };

    private static JobSpec spec(String model) {
        return Specs.example("digits-mlp.yaml", model, "training.steps=12", "training.batch_size=32",
                "data.split={train: 200, target: 60, test: 60}");
    }

    private static TrainState trained(Setup setup) {
        TrainState s = setup.training().initialState();
        while (s.step() < setup.training().steps()) {
            s = setup.training().step(s);
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void theObjectiveIsTheLossAsTheModelPredictsWithItsExactGradient(int model) {
        JobSpec spec = spec(MODELS[model]);
        Setup setup = Setup.prepare(spec, null, 0);
        double[] theta = trained(setup).params();
        ObjectiveFunction objective = ObjectiveFunction.of(spec, setup.splits().target());
        double[] grad = new double[theta.length];
        double value = objective.valueAndGradient(theta, grad);
        double predicting = Evaluator.evaluate(setup.network(), theta, setup.splits().target(), 1.0).loss();
        assertEquals(predicting, value, 1e-12, "φ is DL4J's inference-mode loss");
        int[] stats = RunningStatistics.indices(setup.network());
        for (int d = 0; d < 4; d++) {
            // Direction 0 moves only the running statistics, which a random direction would swamp.
            double[] v = direction(theta.length, d == 0 ? stats : null, 10 + d);
            double h = 1e-5;
            double measured = (objective.valueAndGradient(shifted(theta, v, h), new double[theta.length])
                    - objective.valueAndGradient(shifted(theta, v, -h), new double[theta.length])) / (2 * h);
            double predicted = dot(grad, v);
            double rel = Math.abs(predicted - measured) / Math.abs(measured);
            assertTrue(rel < 1e-7, String.format("direction %d: gradient %.10e, differences %.10e, rel %.2e",
                    d, predicted, measured, rel));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void theMovingAverageStepReversesExactly(int model) {
        JobSpec spec = spec(MODELS[model]);
        Setup setup = Setup.prepare(spec, null, 0);
        Training training = setup.training();
        TrainState s = trained(setup);
        int[] stats = RunningStatistics.indices(setup.network());
        double[] next = direction(s.params().length, stats, 3);
        int[] batch = training.batches().batch(s.step());
        RunningStatisticsStep.Share share = new RunningStatisticsStep(setup.network())
                .reverse(s.params(), training.loss().features(batch), next, false);
        for (int d = 0; d < 3; d++) {
            double[] v = direction(s.params().length, d == 0 ? stats : null, 20 + d);
            double h = 1e-5;
            double measured = (statistics(training, s, v, h, next, stats)
                    - statistics(training, s, v, -h, next, stats)) / (2 * h);
            double predicted = dot(share.params(), v);
            double rel = Math.abs(predicted - measured) / Math.abs(measured);
            assertTrue(rel < 1e-7, String.format("direction %d: reverse %.10e, differences %.10e, rel %.2e",
                    d, predicted, measured, rel));
        }
    }

    /** ⟨r̄', r'⟩ after one training step from s moved by h·v. */
    private static double statistics(Training training, TrainState s, double[] v, double h, double[] next,
                                     int[] stats) {
        TrainState after = training.step(new TrainState(s.step(), shifted(s.params(), v, h), s.buffers()));
        double sum = 0;
        for (int i : stats) {
            sum += next[i] * after.params()[i];
        }
        return sum;
    }

    /** A unit Gaussian direction, on {@code only} (all entries if null). */
    private static double[] direction(int n, int[] only, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        double s = 0;
        for (int k = 0; k < (only == null ? n : only.length); k++) {
            int i = only == null ? k : only[k];
            v[i] = Math.sqrt(-2 * Math.log(r.nextDouble(1e-300, 1.0))) * Math.cos(2 * Math.PI * r.nextDouble());
            s += v[i] * v[i];
        }
        for (int i = 0; i < n; i++) {
            v[i] /= Math.sqrt(s);
        }
        return v;
    }

    private static double[] shifted(double[] x, double[] v, double h) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += h * v[i];
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
