package org.mgd.driver.mgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecLoader;
import org.mgd.driver.spark.SparkSession;

/** A whole poisoning job, shortened: the comparison's rows and what the run leaves on disk. */
class MgdJobTest {
    @BeforeAll
    static void loopback() {
        // Local mode binds to loopback (this host's name may resolve elsewhere), as ./mgd does.
        if (System.getProperty("spark.driver.host") == null) {
            System.setProperty("spark.driver.host", "127.0.0.1");
            System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPoisonRunComparesWithLabelFlipsAndExportsThePoisons(@TempDir Path dir) throws Exception {
        JobSpec spec = SpecLoader.load(ExampleSpecsTest.ROOT.resolve("deploy/examples/digits-poison.yaml").toString(),
                List.of("mgd.steps=1", "training.steps=40"));
        Map<String, Object> result;
        try (SparkSession spark = SparkSession.start("test", "local[2]")) {
            result = MgdJob.run(spec, spark, dir.toString(), false, true);
        }
        List<Map<String, Object>> rows = (List<Map<String, Object>>) result.get("comparison");
        List<String> names = rows.stream().map(r -> (String) r.get("name")).toList();
        assertEquals(List.of("MGD poisons", "random-noise poisons", "adversarial-example poisons",
                Comparison.LABEL_FLIPS, "clean (no poison)"), names);
        for (Map<String, Object> r : rows) {
            double seen = (Double) r.get("mgd_seed_test_accuracy");
            assertTrue(seen > 0 && seen <= 1, r.toString());
        }
        assertEquals(null, rows.get(3).get("metaparameters"), "label flips change the spec, not the pixels");
        assertEquals(dir + "/candidates/adversarial-example-poisons.json", rows.get(2).get("metaparameters"));
        Map<String, Object> flips = rows.get(3);
        Map<String, Object> clean = rows.get(4);
        assertTrue(!flips.get("target_objective").equals(clean.get("target_objective")),
                "flipping 30 labels changes the trained model");
        for (String file : List.of("poisons.json", "poisons-images-idx3-ubyte", "poisons-labels-idx1-ubyte",
                "poisoned-train-images-idx3-ubyte", "poisoned-train-labels-idx1-ubyte", "report.html", "result.json")) {
            assertTrue(Files.exists(dir.resolve(file)), file);
        }
        assertEquals(dir + "/poisons", result.get("poisons_idx"));
        Map<String, Object> figures = (Map<String, Object>) result.get("figures");
        assertEquals(List.of("objective", "test-accuracy", "baselines", "poisons"), List.copyOf(figures.keySet()));
        for (Object png : figures.values()) {
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(Path.of((String) png)), 8);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, (String) png);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSelectionStartedFromAGivenSubsetComparesWithItAndTheRandomOne(@TempDir Path dir) throws Exception {
        JobSpec spec = SpecLoader.load(ExampleSpecsTest.ROOT.resolve("deploy/examples/digits-select.yaml").toString(),
                List.of("mgd.steps=1", "training.steps=60"));
        int n = org.mgd.common.data.Splits.load(spec.data()).train().size();
        double[] w = new double[n];
        java.util.Arrays.fill(w, n - StartingPoint.budget(spec.mgd(), n), n, 1);
        Metaparameters last = Metaparameters.dataWeights(w);
        Map<String, Object> result;
        try (SparkSession spark = SparkSession.start("test", "local[2]")) {
            result = MgdJob.run(spec, spark, dir.toString(), false, last, true);
        }
        assertEquals(last, Metaparameters.read(dir.resolve("start-metaparameters.json").toString()));
        List<String> names = ((List<Map<String, Object>>) result.get("comparison")).stream()
                .map(r -> (String) r.get("name")).toList();
        assertEquals(List.of("MGD selection", Comparison.GIVEN_START, "random subset"), names.subList(0, 3));
        // Every baseline's subset is a file to retrain at or start from; the given start's is the start.
        for (Map<String, Object> r : (List<Map<String, Object>>) result.get("comparison")) {
            assertTrue(Files.exists(Path.of((String) r.get("metaparameters"))), r.toString());
        }
        Map<String, Object> given = ((List<Map<String, Object>>) result.get("comparison")).get(1);
        assertEquals(dir + "/candidates/mgds-start-given-with-meta.json", given.get("metaparameters"));
        assertEquals(last, Metaparameters.read((String) given.get("metaparameters")));
        // MGD's one meta-step was taken from the given subset: at most one exchange of 15 swaps away
        // from it (a random start differs from it in about half the pool).
        MgdState state = MgdState.read(MgdLoop.statePath(dir.toString()));
        double moved = 0;
        for (int i = 0; i < n; i++) {
            moved += Math.abs(state.z().values()[i] - w[i]);
        }
        assertTrue(moved > 0 && moved <= 2.0 * spec.mgd().optimizer().swap(), "moved " + moved);
        // The command that started the run, with --resume added, continues it; another start does not.
        try (SparkSession spark = SparkSession.start("test", "local[2]")) {
            assertEquals(state.z(), new MgdLoop(spec, spark, dir.toString(), true).start(true, last).z());
            org.mgd.common.MgdException e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.mgd.common.MgdException.class,
                    () -> new MgdLoop(spec, spark, dir.toString(), true).start(true, Metaparameters.read(
                            dir.resolve("candidates/random-subset.json").toString())));
            assertTrue(e.getMessage().contains("this run did not start from the given --meta"), e.getMessage());
        }
    }
}
