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
        Map<String, Object> files = Exports.write(spec, Metaparameters.dataWeights(w), dir.toString());
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
        Exports.write(spec, Metaparameters.inputs(poisoned, pixels), dir.toString());

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
}
