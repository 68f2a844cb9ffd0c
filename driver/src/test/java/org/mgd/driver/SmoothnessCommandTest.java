package org.mgd.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.ModelSpec;
import org.mgd.common.spec.SpecLoader;
import org.mgd.driver.commands.SmoothnessCommand;

/**
 * {@code mgd smoothness} in this JVM with Spark in local mode, on small digits runs: the table,
 * the JSON, the best spec of a search (which must load), and the command line's errors.
 */
class SmoothnessCommandTest {
    private static final List<String> SMALL = List.of("--set", "data.split={train: 300, target: 200, test: 297}",
            "--set", "training.steps=30", "--set", "model.hidden=[8]", "--set", "training.batch_size=32");

    record Result(int exit, String stdout, String stderr) {}

    @BeforeAll
    static void loopback() {
        // Local mode binds to loopback (this host's name may resolve elsewhere), as ./mgd does.
        if (System.getProperty("spark.driver.host") == null) {
            System.setProperty("spark.driver.host", "127.0.0.1");
            System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        }
    }

    static Path spec() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("deploy/examples/digits-mlp.yaml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no deploy/examples above " + System.getProperty("user.dir"));
        }
        return p.resolve("deploy/examples/digits-mlp.yaml");
    }

    static synchronized Result mgd(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private static String[] args(String... more) {
        List<String> all = new ArrayList<>(List.of("smoothness", spec().toString()));
        all.addAll(SMALL);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void scoresTheSpecAndWritesJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("s.json");
        Result r = mgd(args("--directions", "2", "--out", json.toString()));
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("digits-mlp: metasmoothness Ŝ = "), r.stdout());
        assertTrue(r.stdout().contains("over 2 directions x 1 seed at h = 1.732"), r.stdout()); // 0.1 √300
        assertTrue(r.stderr().contains("smoothness: 5 training runs"), r.stderr());
        assertTrue(r.stderr().contains("[5/5] seed 0, dir"), "one progress line per run:\n" + r.stderr());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("digits-mlp", root.get("name").asText());
        assertEquals("data_weights", root.get("metaparameter").asText());
        assertEquals(0.1 * Math.sqrt(300), root.get("h").asDouble(), 1e-12);
        JsonNode setup = root.get("setups").get(0);
        assertEquals("baseline", setup.get("name").asText());
        for (String field : List.of("score_mean", "score_std", "score_min", "score_max", "test_accuracy")) {
            assertTrue(setup.get(field).isNumber(), field + " in " + setup);
        }
        assertTrue(setup.get("score_mean").asDouble() > 0.9, setup.toString());
        assertEquals(2, setup.get("scores").size());
        assertEquals(5, setup.get("runs").asInt());
    }

    @Test
    void searchRanksTheMenuBestFirstAndWritesALoadableSpec(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("search.json");
        Result r = mgd(args("--search", "--directions", "1", "--h", "10", "--out", json.toString(), "--quiet"));
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().startsWith("setup"), r.stdout());
        assertTrue(r.stdout().contains("skipped max-pool: pooling only applies to model.type: cnn"), r.stdout());
        assertEquals("", r.stderr().lines().filter(l -> l.startsWith("smoothness:")).findAny().orElse(""), "--quiet");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode setups = root.get("setups");
        assertEquals(9, setups.size(), root.toString());
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode s : setups) {
            double mean = s.get("score_mean").asDouble();
            assertTrue(mean <= previous, "best first: " + setups);
            previous = mean;
        }
        assertEquals(setups.get(0).get("name").asText(), root.get("best").asText());
        Path best = dir.resolve("best-spec.yaml");
        assertEquals(best.toString(), root.get("best_spec").asText());
        assertTrue(r.stdout().contains("best: " + root.get("best").asText()), r.stdout());
        JobSpec written = SpecLoader.load(best.toString(), List.of());
        assertEquals(30, written.training().steps(), "the user's --set overrides are in the written spec");
        assertEquals(List.of(8), written.model().hidden());
        if (root.get("best").asText().equals("bn-before")) {
            assertEquals(ModelSpec.BatchNorm.BEFORE, written.model().batchnorm());
        }
    }

    @Test
    void searchPlotsScoreAgainstTestAccuracyAsAPng(@TempDir Path dir) throws Exception {
        Path menu = dir.resolve("menu.yaml");
        Files.writeString(menu, "lr-0.5x: [training.optimizer.lr=0.05]\n");
        Path png = dir.resolve("plots/s.png");
        Path json = dir.resolve("s.json");
        Result r = mgd(args("--search", "--menu", menu.toString(), "--directions", "2", "--plot", png.toString(),
                "--out", json.toString(), "--out-spec", dir.resolve("best.yaml").toString()));
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stderr().contains("smoothness: wrote " + png), r.stderr());
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a PNG ImageIO can decode");
        assertEquals(SmoothnessCommand.PLOT_WIDTH, image.getWidth());
        assertEquals(SmoothnessCommand.PLOT_HEIGHT, image.getHeight());
        long colours = IntStream.range(0, image.getWidth() * image.getHeight())
                .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth()) & 0xffffff).distinct().count();
        assertTrue(colours > 10, "something is drawn: " + colours + " colours");
        assertEquals(2, new ObjectMapper().readTree(json.toFile()).get("setups").size());
    }

    @Test
    void aUserMenuWithAnUnknownKeyFailsBeforeTraining(@TempDir Path dir) throws Exception {
        Path menu = dir.resolve("menu.yaml");
        Files.writeString(menu, "typo: [model.widht=2]\nok: [model.width=2]\n");
        Result r = mgd(args("--search", "--menu", menu.toString()));
        assertEquals(1, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stderr().contains("mgd: invalid menu entry (nothing was trained):"), r.stderr());
        assertTrue(r.stderr().contains("menu entry 'typo' [model.widht=2]: model.widht: unknown key"), r.stderr());
        assertTrue(!r.stderr().contains("training runs"), "nothing trained:\n" + r.stderr());
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        Result h = mgd(args("--h", "0"));
        assertEquals(2, h.exit());
        assertTrue(h.stderr().contains("mgd: --h must be a positive number, got 0"), h.stderr());
        Result negative = mgd(args("--h=-1e-3"));
        assertEquals(2, negative.exit());
        assertTrue(negative.stderr().contains("--h must be a positive number"), negative.stderr());
        Result directions = mgd(args("--directions", "0"));
        assertEquals(2, directions.exit());
        assertTrue(directions.stderr().contains("mgd: --directions must be at least 1, got 0"), directions.stderr());
        Result seeds = mgd(args("--seeds", "0"));
        assertEquals(2, seeds.exit());
        assertTrue(seeds.stderr().contains("--seeds must be at least 1"), seeds.stderr());
        Result menuWithoutSearch = mgd(args("--menu", "x.yaml"));
        assertEquals(2, menuWithoutSearch.exit());
        assertTrue(menuWithoutSearch.stderr().contains("--menu goes with --search"), menuWithoutSearch.stderr());
        Result plotWithoutSearch = mgd(args("--plot", "s.png"));
        assertEquals(2, plotWithoutSearch.exit());
        assertTrue(plotWithoutSearch.stderr().contains("--plot goes with --search"), plotWithoutSearch.stderr());
        Result unknown = mgd(args("--tolerance", "1"));
        assertEquals(2, unknown.exit());
        assertTrue(unknown.stderr().contains("'smoothness' does not take --tolerance"), unknown.stderr());
    }
}
