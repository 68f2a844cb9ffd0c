package org.mgd.worker.metagrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mgd.common.data.Dataset;
import org.mgd.common.data.Splits;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.worker.testing.Specs;

/**
 * The metagradient against central differences of whole retrained runs, for every optimizer and
 * every kind of metaparameter, on a real DL4J MLP trained 100 steps on the real digits.
 */
class MetagradientTest {
    static final String[] BASE = {"model.hidden=[16]", "training.steps=100", "training.batch_size=32",
        "data.split={train: 300, target: 100, test: 100}"};

    static final String SGD = "training.optimizer={type: sgd, lr: 0.1, momentum: 0.9}";
    static final String NESTEROV = "training.optimizer={type: sgd, lr: 0.05, momentum: 0.9, nesterov: true, weight_decay: 0.001}";
    static final String ADAM = "training.optimizer={type: adam, lr: 0.01, weight_decay: 0.01}";

    static JobSpec spec(String... more) {
        List<String> all = new ArrayList<>(List.of(BASE));
        all.addAll(List.of(more));
        return Specs.example("digits-mlp.yaml", all.toArray(String[]::new));
    }

    static Metaparameters point(String kind, JobSpec spec) {
        return switch (kind) {
            case "data_weights" -> {
                double[] w = Metaparameters.unitWeights(300).values();
                for (int i = 0; i < w.length; i += 7) {
                    w[i] = 0.5;
                }
                yield Metaparameters.dataWeights(w);
            }
            case "lr_schedule" -> Metaparameters.lrSchedule(new double[] {1.0, 0.8, 0.5, 0.3});
            default -> {
                Dataset train = Splits.load(spec.data()).train();
                int[] idx = {0, 5, 9, 31, 64};
                yield Metaparameters.inputs(idx, train.select(idx).features());
            }
        };
    }

    static Stream<Arguments> everyOptimizerAndKind() {
        List<Arguments> cases = new ArrayList<>();
        for (String optimizer : List.of(SGD, NESTEROV, ADAM)) {
            for (String kind : List.of("data_weights", "lr_schedule", "inputs")) {
                cases.add(Arguments.of(optimizer, kind, "objective=target_loss"));
            }
        }
        cases.add(Arguments.of(SGD, "data_weights", "objective=neg_target_loss"));
        cases.add(Arguments.of(ADAM, "data_weights", "objective=target_margin"));
        cases.add(Arguments.of(SGD, "data_weights", "training.lr_schedule={type: one_cycle, warmup: 0.3}"));
        cases.add(Arguments.of(SGD, "data_weights", "model={type: cnn, conv: [4], hidden: [8], pool: avg}"));
        cases.add(Arguments.of(ADAM, "inputs", "model={type: cnn, conv: [4], hidden: [8], pool: avg, activation: softplus}"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @MethodSource("everyOptimizerAndKind")
    void matchesFiniteDifferencesOfWholeTrainingRuns(String optimizer, String kind, String extra) {
        JobSpec spec = spec(optimizer, extra);
        assertMatchesWholeRuns(spec, point(kind, spec));
    }

    /**
     * The metagradient at z against central differences of whole retrained runs along three random
     * directions: each within 1e-4 relative, and together at cosine ≥ 0.9999.
     */
    static void assertMatchesWholeRuns(JobSpec spec, Metaparameters z) {
        Metagradient.Result r = Metagradient.compute(spec, z, 0);
        double[] g = r.gradient().values();
        assertEquals(WholeRuns.objective(spec, z), r.objective(), 0.0, "φ from the replay equals plain training's");
        int directions = 3;
        double[] predicted = new double[directions];
        double[] measured = new double[directions];
        for (int d = 0; d < directions; d++) {
            double[] v = WholeRuns.unitGaussian(g.length, 100 + d);
            predicted[d] = WholeRuns.dot(g, v);
            // h = 1e-4: at 1e-3 the truncation error of Adam runs alone is ~1e-4 (measured).
            measured[d] = WholeRuns.directional(spec, z, v, 1e-4);
            double rel = Math.abs(predicted[d] - measured[d]) / Math.abs(measured[d]);
            assertTrue(rel <= 1e-4, String.format("direction %d: metagradient %.10e, whole runs %.10e, rel %.2e",
                    d, predicted[d], measured[d], rel));
        }
        double cosine = WholeRuns.dot(predicted, measured)
                / Math.sqrt(WholeRuns.dot(predicted, predicted) * WholeRuns.dot(measured, measured));
        assertTrue(cosine >= 0.9999, "cosine " + cosine);
    }
}
