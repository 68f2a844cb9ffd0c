package org.mgd.worker.metagrad;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mgd.common.spec.JobSpec;

/**
 * Metagradients through BatchNorm (its running statistics replayed as training state, the objective
 * read in inference mode) against central differences of whole retrained runs, as
 * {@link MetagradientTest} checks models without it: every kind of metaparameter, SGD with momentum
 * and Adam, on MLPs with BatchNorm before and after the activation (two BatchNorm layers each, so
 * one's statistics depend on another's normalisation) and a small CNN (BatchNorm over channels
 * and positions, then over units). Runs are short to keep the suite fast.
 */
class BatchNormMetagradientTest {
    static final String[] MODELS = {
        "model={hidden: [8, 6], batchnorm: before}",
        "model={hidden: [8, 6], batchnorm: after, activation: softplus}",
        "model={type: cnn, conv: [3], hidden: [6], pool: avg, batchnorm: before}",
    };

    static Stream<Arguments> everyModelOptimizerAndKind() {
        List<Arguments> cases = new ArrayList<>();
        for (String model : MODELS) {
            for (String optimizer : List.of(MetagradientTest.SGD, MetagradientTest.ADAM)) {
                for (String kind : List.of("data_weights", "lr_schedule", "inputs")) {
                    cases.add(Arguments.of(model, optimizer, kind));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @MethodSource("everyModelOptimizerAndKind")
    void matchesFiniteDifferencesOfWholeTrainingRuns(String model, String optimizer, String kind) {
        JobSpec spec = MetagradientTest.spec(optimizer, model, "training.steps=20", "training.batch_size=16");
        MetagradientTest.assertMatchesWholeRuns(spec, MetagradientTest.point(kind, spec));
    }
}
