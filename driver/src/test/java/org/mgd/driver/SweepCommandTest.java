package org.mgd.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgd.driver.spark.SparkSession;

/** {@code mgd sweep} in this JVM, Spark in local mode: the table in both formats, and bad sweeps. */
class SweepCommandTest {
    private static final Path EXAMPLES = SmoothnessCommandTest.spec().getParent();

    @BeforeAll
    static void loopback() {
        SmoothnessCommandTest.loopback();
    }

    private static Path sweep(Path dir, String text) throws Exception {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, text.replace("SPEC", EXAMPLES.resolve("digits-mlp.yaml").toString()));
        return file;
    }

    @Test
    void aTrainingSweepWritesOneRowPerConfigurationAsCsvAndParquet(@TempDir Path dir) throws Exception {
        Path file = sweep(dir, """
                spec: SPEC
                grid:
                  training.optimizer.lr: [0.05, 0.2]
                  training.seed: [0, 1, 2]
                """);
        Path out = dir.resolve("out");
        SmoothnessCommandTest.Result r = SmoothnessCommandTest.mgd("sweep", file.toString(), "--out", out.toString(),
                "--set", "training.steps=20", "--quiet");
        assertEquals(0, r.exit(), r.stderr());
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals("configuration,training.optimizer.lr,training.seed,objective,target_accuracy,test_accuracy,"
                + "final_train_loss,seconds", csv.get(0));
        assertEquals(7, csv.size());
        assertTrue(csv.get(6).startsWith("5,0.2,2,"), csv.get(6));
        // Different seeds train differently: the grid really reached the specs.
        assertFalse(csv.get(1).split(",")[3].equals(csv.get(2).split(",")[3]));
        try (SparkSession spark = SparkSession.start("read", "local[1]")) {
            Dataset<Row> table = spark.sql().read().parquet(out.resolve("results.parquet").toString());
            List<Row> rows = table.orderBy("configuration").collectAsList();
            assertEquals(6, rows.size());
            assertEquals("0.2", rows.get(5).getAs("training.optimizer.lr"));
            assertEquals(Double.parseDouble(csv.get(6).split(",")[3]), (Double) rows.get(5).getAs("objective"), 0.0);
        }
        assertTrue(Files.exists(out.resolve("sweep.json")));
    }

    @Test
    void theExampleSweepExpandsToItsGrid() {
        org.mgd.driver.sweep.Sweep sweep = org.mgd.driver.sweep.Sweep.load(
                EXAMPLES.resolve("sweeps/digits-select.yaml").toString());
        List<org.mgd.driver.sweep.Sweep.Configuration> configurations = sweep.configurations(List.of());
        assertEquals(4, configurations.size());
        assertEquals(0.5, configurations.get(3).spec().mgd().budget(), 0.0);
        assertEquals(1, configurations.get(3).spec().training().seed());
    }

    @Test
    void badSweepsAreClearErrorsBeforeAnyTraining(@TempDir Path dir) throws Exception {
        String[][] cases = {
                {"spec: SPEC\ngrid: {training.steps: [10]}\nrepeat: 2\n", "unknown key 'repeat'"},
                {"spec: SPEC\ngrid: {training.stepz: [10, 20]}\n", "configuration 0 {training.stepz=10}"},
                {"spec: SPEC\ngrid: {training.steps: 10}\n", "grid.training.steps: a non-empty list"},
                {"spec: SPEC\nrun: fit\ngrid: {training.steps: [10]}\n", "run: 'fit' is not train or mgd"},
                {"spec: SPEC\nrun: mgd\ngrid: {training.steps: [10]}\n", "run: mgd needs an mgd: section"},
                {"grid: {training.steps: [10]}\n", "spec: the base job spec's path is required"},
        };
        for (String[] c : cases) {
            Path file = sweep(dir, c[0]);
            SmoothnessCommandTest.Result r = SmoothnessCommandTest.mgd("sweep", file.toString(), "--out",
                    dir.resolve("never").toString());
            assertTrue(r.exit() != 0, c[0] + "\n" + r.stderr());
            assertTrue(r.stderr().contains(c[1]), "expected '" + c[1] + "' in:\n" + r.stderr());
            assertFalse(r.stderr().contains("Exception"), r.stderr());
            assertFalse(Files.exists(dir.resolve("never")), "nothing is written for a bad sweep");
        }
    }
}
