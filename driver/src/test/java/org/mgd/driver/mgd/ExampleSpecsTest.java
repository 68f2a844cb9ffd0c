package org.mgd.driver.mgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.MgdSpec;
import org.mgd.common.spec.SpecLoader;
import org.mgd.driver.Main;

/**
 * Every spec in deploy/examples loads, the MNIST MGD specs are at the sizes the benchmarks
 * promise, and (when the MNIST files are fetched) {@code ./mgd validate} passes on them with
 * their data read.
 */
class ExampleSpecsTest {
    static final Path ROOT = root();

    private static Path root() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("deploy/examples/digits-mlp.yaml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no deploy/examples above " + System.getProperty("user.dir"));
        }
        return p;
    }

    private static JobSpec load(String name) {
        return SpecLoader.load(ROOT.resolve("deploy/examples/" + name).toString(), List.of());
    }

    @Test
    void everyExampleSpecLoads() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/examples"))) {
            List<Path> specs = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertTrue(specs.size() >= 10, specs.toString());
            for (Path f : specs) {
                assertNotNull(SpecLoader.load(f.toString(), List.of()).name(), f.toString());
            }
        }
    }

    @Test
    void theMnistMgdSpecsAreAtTheBenchmarkSizes() {
        JobSpec select = load("mnist-select.yaml");
        assertEquals(MgdSpec.Task.SELECT, select.mgd().task());
        assertEquals(5000, select.data().split().train());
        assertEquals(0.3, select.data().labelNoise());
        assertEquals(0.5, select.mgd().budget());
        assertEquals(500, select.data().split().target());
        assertTrue(select.data().split().validation() > 0, "a validation split for early stopping");
        assertEquals("idx:data/mnist/t10k", select.data().testSource(), "the test set is never the target's source");

        JobSpec poison = load("mnist-poison.yaml");
        assertEquals(MgdSpec.Task.POISON, poison.mgd().task());
        assertEquals(10000, poison.data().split().train());
        assertEquals(0.025, poison.mgd().poisonFraction());
        assertEquals("neg_target_loss", poison.objective().key());

        JobSpec schedule = load("mnist-schedule.yaml");
        assertEquals(MgdSpec.Task.SCHEDULE, schedule.mgd().task());
        assertEquals(500, schedule.training().steps());
        assertTrue(schedule.mgd().knots() >= 2);
        assertTrue(OneCycleGrid.CONFIGURATIONS >= 48);
    }

    @Test
    void theMnistMgdSpecsValidateWithTheirData() {
        assumeTrue(Files.exists(ROOT.resolve("data/mnist/train-images-idx3-ubyte")),
                "MNIST not fetched (deploy/datasets/fetch.sh mnist)");
        for (String name : List.of("mnist-select.yaml", "mnist-poison.yaml", "mnist-schedule.yaml")) {
            String data = "idx:" + ROOT.resolve("data/mnist") + "/";
            String out = validate(ROOT.resolve("deploy/examples/" + name).toString(), "--set",
                    "data.source=" + data + "train", "--set", "data.test_source=" + data + "t10k");
            assertTrue(out.contains(": ok ("), name + ": " + out);
            assertFalse(out.contains("problem"), out);
        }
    }

    private static String validate(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            String[] all = Stream.concat(Stream.of("validate"), Stream.of(args)).toArray(String[]::new);
            assertEquals(0, Main.run(all), () -> o.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
        }
        return o.toString(StandardCharsets.UTF_8);
    }
}
