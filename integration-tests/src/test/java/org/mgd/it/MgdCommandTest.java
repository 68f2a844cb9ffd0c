package org.mgd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./mgd} launcher exactly as a user types it: a separate JVM started by the script,
 * Spark in local mode, the shaded jar the build just made.
 */
class MgdCommandTest {
    private static final Path ROOT = Path.of(System.getProperty("mgd.root", "..")).toAbsolutePath().normalize();

    static Script.Run mgd(String... args) throws IOException, InterruptedException {
        return Script.run(ROOT.resolve("mgd"), List.of(args), Map.of(), List.of(), 5);
    }

    @Test
    void trainTheExampleSpecReachesNinetyPercentOnTest(@TempDir Path dir) throws Exception {
        Path result = dir.resolve("nested/result.json");
        Script.Run run = mgd("train", "deploy/examples/digits-mlp.yaml", "--out", result.toString());
        assertEquals(0, run.exit(), run.stderr());
        JsonNode json = new ObjectMapper().readTree(result.toFile());
        for (String field : List.of("objective", "target_accuracy", "test_accuracy", "steps", "seconds")) {
            assertTrue(json.has(field), "result lacks " + field + ": " + json);
        }
        assertEquals(200, json.get("steps").asInt());
        assertTrue(json.get("test_accuracy").asDouble() >= 0.90, "test accuracy " + json.get("test_accuracy"));
        assertTrue(run.stderr().contains("200/200 steps"), "progress line missing:\n" + run.stderr());
        assertFalse(run.stderr().contains("Exception"), run.stderr());
    }

    @Test
    void metaparametersOverridesAndQuietMode(@TempDir Path dir) throws Exception {
        Path meta = dir.resolve("lr.json");
        Files.writeString(meta, "{\"kind\": \"lr_schedule\", \"values\": [1.0, 0.1]}");
        Script.Run run = mgd("train", "deploy/examples/digits-mlp.yaml", "--set", "training.steps=30",
                "--meta", meta.toString(), "--quiet");
        assertEquals(0, run.exit(), run.stderr());
        JsonNode json = new ObjectMapper().readTree(run.stdout());
        assertEquals(30, json.get("steps").asInt());
        assertEquals("lr_schedule", json.get("metaparameters").asText());
        assertFalse(run.stderr().contains("steps  loss"), "--quiet must silence progress:\n" + run.stderr());
    }

    @Test
    void badInputIsOneClearMessageNotAStackTrace(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "data: {source: 'idx:" + dir.resolve("missing") + "', split: {train: 1, target: 1, test: 1}}\n"
                + "training: {stepz: 3}\n");
        Script.Run validate = mgd("validate", spec.toString());
        assertEquals(1, validate.exit());
        assertTrue(validate.stdout().contains("training.stepz: unknown key (did you mean 'steps'?)"), validate.stdout());
        Script.Run train = mgd("train", spec.toString());
        assertEquals(1, train.exit());
        assertTrue(train.stderr().startsWith("mgd: "), train.stderr());
        assertFalse(train.stderr().contains("\tat "), "no stack traces for bad input:\n" + train.stderr());
        Script.Run diverged = mgd("train", "deploy/examples/digits-mlp.yaml", "--set", "training.optimizer.lr=1e305");
        assertEquals(1, diverged.exit());
        assertTrue(diverged.stderr().contains("training diverged at step"), diverged.stderr());
        assertEquals(2, mgd("trian").exit());
        // A start for a run that cannot take one: refused before any training, in one line.
        Path start = dir.resolve("start.json");
        Files.writeString(start, "{\"kind\": \"lr_schedule\", \"values\": [1, 1]}");
        Script.Run knots = mgd("run", "deploy/examples/digits-schedule.yaml", "--meta", start.toString(),
                "--out", dir.resolve("run").toString());
        assertEquals(1, knots.exit(), knots.stderr());
        assertTrue(knots.stderr().startsWith("mgd: --meta: 2 knots, but mgd.knots is 5"), knots.stderr());
        assertFalse(Files.exists(dir.resolve("run/.mgd-run.lock")), "a refused start holds no lock");
    }

    @Test
    void demoNeedsNoDownload() throws Exception {
        Script.Run run = mgd("demo", "--quiet");
        assertEquals(0, run.exit(), run.stderr());
        // The demo's claim: MGD's selection beats the random subset it started from, on unseen seeds.
        double mgd = demoAccuracy(run.stdout(), "MGD selection");
        double random = demoAccuracy(run.stdout(), "random subset (MGD's start)");
        assertTrue(mgd > random + 1, "MGD " + mgd + "% vs random " + random + "%:\n" + run.stdout());
        assertTrue(run.stdout().contains("Report: "), run.stdout());
        assertFalse(run.stderr().contains("training runs done"), "--quiet silences the driver's job progress:\n"
                + run.stderr());
    }

    private static double demoAccuracy(String stdout, String candidate) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(candidate)
                + " +test accuracy +([0-9.]+)% ± [0-9.]+").matcher(stdout);
        assertTrue(m.find(), candidate + " missing from:\n" + stdout);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void metagradWritesTheGradientInTheMetaparameterLayout(@TempDir Path dir) throws Exception {
        Path result = dir.resolve("g.json");
        Script.Run run = mgd("metagrad", "deploy/examples/digits-mlp.yaml", "--set", "training.steps=60",
                "--set", "replay.k=4", "--out", result.toString());
        assertEquals(0, run.exit(), run.stderr());
        JsonNode json = new ObjectMapper().readTree(result.toFile());
        assertEquals("data_weights", json.get("metaparameter").asText());
        assertEquals("data_weights", json.get("metagradient").get("kind").asText());
        assertEquals(1200, json.get("metagradient").get("values").size());
        JsonNode stats = json.get("stats");
        for (String field : List.of("steps", "k", "peak_live_states", "replayed_steps", "gradient_evaluations",
                "seconds", "train_seconds")) {
            assertTrue(stats.has(field), "stats lack " + field + ": " + stats);
        }
        assertTrue(stats.get("peak_live_states").asInt() <= 4 * 3 + 1, stats.toString());
        // The metagradient file is itself a metaparameter file: train at a step along it.
        Path meta = dir.resolve("w.json");
        Files.writeString(meta, json.get("metagradient").toString());
        assertEquals(0, mgd("validate", "deploy/examples/digits-mlp.yaml", "--meta", meta.toString()).exit());
    }

    @Test
    void checkAgreesWithWholeRunsAndCanFail() throws Exception {
        Script.Run ok = mgd("check", "deploy/examples/digits-mlp.yaml", "--set", "training.steps=40", "--directions", "2",
                "--quiet");
        assertEquals(0, ok.exit(), ok.stdout() + ok.stderr());
        assertTrue(ok.stdout().contains("OK: every direction within relative error"), ok.stdout());
        Script.Run strict = mgd("check", "deploy/examples/digits-mlp.yaml", "--set", "training.steps=40", "--directions", "1",
                "--tolerance", "1e-14", "--quiet");
        assertEquals(1, strict.exit(), strict.stdout());
        assertTrue(strict.stdout().contains("MISMATCH"), strict.stdout());
    }
}
