package org.mgd.driver.mgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgd.common.data.Dataset;
import org.mgd.common.data.IdxReader;
import org.mgd.common.data.Splits;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.LrScheduleSpec;
import org.mgd.common.spec.SpecLoader;

/** What {@code ./mgd run} leaves for users: selection ids, and poisons as IDX that read back. */
class ExportsTest {
    private static JobSpec spec(String name) {
        return SpecLoader.load(ExampleSpecsTest.ROOT.resolve("deploy/examples/" + name).toString(), List.of());
    }

    @Test
    void aSelectionIsNamedByTrainIndexAndSourceRow(@TempDir Path dir) throws Exception {
        JobSpec spec = spec("digits-select.yaml");
        Dataset train = Splits.load(spec.data()).train();
        double[] w = new double[train.size()];
        w[2] = 1;
        w[5] = 1;
        w[599] = 1;
        Map<String, Object> files = Exports.write(spec, Metaparameters.dataWeights(w), null, dir.toString());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("selection.json").toFile());
        assertEquals(dir.resolve("selection.json").toString(), files.get("selection"));
        assertEquals(3, json.get("selected").asInt());
        assertEquals("[2,5,599]", json.get("train_indices").toString());
        int[] rows = Splits.trainSourceIndices(spec.data());
        assertEquals("[" + rows[2] + "," + rows[5] + "," + rows[599] + "]", json.get("source_indices").toString());
        int noisy = (int) Arrays.stream(Splits.noisyExamples(600, 0.3, 0)).filter(i -> i == 2 || i == 5 || i == 599).count();
        assertEquals(noisy, json.get("wrong_labels").asInt());
    }

    @Test
    void poisonsReadBackAsIdxAloneAndInTheWholeTrainingSet(@TempDir Path dir) throws Exception {
        JobSpec spec = spec("digits-poison.yaml");
        Dataset train = Splits.load(spec.data()).train();
        int[] poisoned = {4, 10, 321};
        double[] pixels = new double[poisoned.length * train.featureCount()];
        Arrays.fill(pixels, 1.0);
        Exports.write(spec, Metaparameters.inputs(poisoned, pixels), null, dir.toString());

        Dataset alone = IdxReader.read(dir + "/poisons-images-idx3-ubyte", dir + "/poisons-labels-idx1-ubyte", 10);
        assertEquals(3, alone.size());
        assertArrayEquals(pixels, alone.features(), 0.0);
        assertArrayEquals(train.select(poisoned).labels(), alone.labels(), "labels unchanged");

        Dataset whole = IdxReader.read(dir + "/poisoned-train-images-idx3-ubyte",
                dir + "/poisoned-train-labels-idx1-ubyte", 10);
        assertEquals(train.size(), whole.size());
        assertArrayEquals(train.labels(), whole.labels());
        assertEquals(1.0, whole.feature(321, 7), 0.0);
        assertEquals(train.feature(0, 7), whole.feature(0, 7), 0.5 / 255, "clean images kept (to byte resolution)");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("poisons.json").toFile());
        assertEquals("[4,10,321]", json.get("train_indices").toString());
        assertTrue(json.get("poisoned").asInt() == 3);
    }

    @Test
    void aScheduleIsWrittenAsTheLearningRateOfEveryStepBesideTheGridsBest(@TempDir Path dir) throws Exception {
        JobSpec spec = spec("digits-schedule.yaml");
        int steps = spec.training().steps();
        double lr = spec.training().optimizer().lr();
        JobSpec grid = spec.withTraining(spec.training().withLearningRate(spec.training().optimizer().withLr(0.3),
                new LrScheduleSpec.OneCycle(0.2, 0.0, 0.1)));
        double[] knots = {1, 3, 2};
        Map<String, Object> files = Exports.write(spec, Metaparameters.lrSchedule(knots), grid, dir.toString());
        assertEquals(dir.resolve("schedule.json").toString(), files.get("schedule"));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("schedule.json").toFile());
        assertEquals(steps, json.get("steps").asInt());
        assertEquals("[1.0,3.0,2.0]", json.get("knots").toString());
        JsonNode knotSteps = json.get("knot_steps");
        JsonNode rates = json.get("learning_rates");
        assertEquals(steps, rates.size());
        assertEquals(lr * 1, rates.get(0).asDouble(), 1e-15, "the first step is at the first knot");
        assertEquals(lr * 2, rates.get(steps - 1).asDouble(), 1e-15, "the last step is at the last knot");
        assertEquals((steps - 1) / 2.0, knotSteps.get(1).asDouble(), 1e-12);
        int middle = (int) knotSteps.get(1).asDouble();
        double between = 1 + 2 * (middle / knotSteps.get(1).asDouble());
        assertEquals(lr * between, rates.get(middle).asDouble(), 1e-12, "linear between knots");
        JsonNode best = json.get("grid_best");
        assertEquals(0.3, best.get("peak_lr").asDouble());
        assertEquals(0.2, best.get("warmup").asDouble());
        assertEquals(0.1, best.get("final_ratio").asDouble());
        assertEquals(0.0, best.get("learning_rates").get(0).asDouble(), 0.0, "one-cycle starts from 0");
        assertEquals(0.03, best.get("learning_rates").get(steps - 1).asDouble(), 1e-15);
        double peak = Arrays.stream(new ObjectMapper().convertValue(best.get("learning_rates"), double[].class)).max().orElseThrow();
        assertTrue(peak <= 0.3 && peak > 0.29, "peaks at the grid's lr: " + peak);
    }
}
