package org.mgd.common.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {
    private static final String MINIMAL = """
            name: t
            data:
              source: bundled:digits
              split: {train: 100, target: 50, test: 50}
            """;

    private static JobSpec parse(String yaml, String... sets) {
        return SpecLoader.parse(yaml, "test.yaml", List.of(sets));
    }

    private static List<String> problems(String yaml, String... sets) {
        return assertThrows(SpecException.class, () -> parse(yaml, sets)).problems();
    }

    @Test
    void theExampleSpecBindsEveryKey() {
        Path example = Path.of(System.getProperty("user.dir")).resolve("../deploy/examples/digits-mlp.yaml");
        JobSpec spec = SpecLoader.load(example.toString(), List.of());
        assertEquals("digits-mlp", spec.name());
        assertEquals("bundled:digits", spec.data().source());
        assertEquals(1200, spec.data().split().train());
        assertEquals(List.of(32), spec.model().hidden());
        assertEquals(ModelSpec.Activation.TANH, spec.model().activation());
        assertEquals(200, spec.training().steps());
        assertEquals(new OptimizerSpec.Sgd(0.1, 0.9, false, 0.0), spec.training().optimizer());
        assertInstanceOf(LrScheduleSpec.Constant.class, spec.training().lrSchedule());
        assertEquals(Objective.TARGET_LOSS, spec.objective());
    }

    @Test
    void defaultsFillWhatIsLeftOut() {
        JobSpec spec = parse(MINIMAL);
        assertEquals(64, spec.training().batchSize());
        assertEquals(1.0, spec.model().outputScale());
        assertNull(spec.data().csv().featureScale());
    }

    @Test
    void jsonIsAcceptedToo() {
        JobSpec spec = parse("{\"name\": \"j\", \"data\": {\"source\": \"bundled:digits\","
                + " \"split\": {\"train\": 10, \"target\": 5, \"test\": 5}}, \"training\": {\"steps\": 7}}");
        assertEquals(7, spec.training().steps());
    }

    @Test
    void everyProblemIsReportedWithItsKeyPath() {
        List<String> p = problems("""
                name: bad
                data: {source: bundled:digits, split: {train: 0, target: 5}}
                model: {hidden: [16, x], activaton: tanh}
                training:
                  steps: 1.5
                  optimizer: {type: adam, lr: -1, beta1: 1.0, momentum: 0.9}
                  lr_schedule: {type: knots, values: [1.0]}
                objective: max_loss
                extra: 1
                """);
        String all = String.join("\n", p);
        for (String expected : List.of("data.split.train: must be >= 1",
                "data.split.test: missing", "model.hidden[1]: expected an integer, got 'x'",
                "model.activaton: unknown key (did you mean 'activation'?)", "training.steps: expected an integer",
                "training.optimizer.lr: must be > 0", "training.optimizer.beta1: must be >= 0 and < 1",
                "training.optimizer.momentum: unknown key", "training.lr_schedule.values: needs at least 2 values",
                "objective: 'max_loss' is not one of", "extra: unknown key")) {
            assertTrue(all.contains(expected), "missing <" + expected + "> in\n" + all);
        }
    }

    @Test
    void overridesAreValidatedLikeTheFile() {
        JobSpec spec = parse(MINIMAL, "training.steps=300", "model.hidden=[64, 32]",
                "training.optimizer={type: adam, lr: 0.01}", "training.lr_schedule.type=cosine");
        assertEquals(300, spec.training().steps());
        assertEquals(List.of(64, 32), spec.model().hidden());
        assertEquals(0.01, spec.training().optimizer().lr());
        assertInstanceOf(LrScheduleSpec.Cosine.class, spec.training().lrSchedule());
        assertTrue(problems(MINIMAL, "training.stpes=3").get(0).contains("training.stpes: unknown key"));
        assertTrue(problems(MINIMAL, "name.x=3").get(0).contains("name is not a section"));
        assertTrue(problems(MINIMAL, "noequals").get(0).contains("expected key.path=value"));
    }

    @Test
    void syntaxErrorsNameTheLine() {
        String message = assertThrows(SpecException.class, () -> parse("name: a\ndata: [1, 2\n")).getMessage();
        assertTrue(message.contains("line"), message);
        assertTrue(problems("name: a\nname: b\n").get(0).contains("Duplicate field 'name'"));
        assertTrue(problems("").get(0).contains("empty"));
        assertTrue(problems("- just\n- a list\n").get(0).contains("expected a mapping"));
    }

    @Test
    void typeTagsInTheFileNeverBuildObjects() {
        // A YAML tag naming a class must not instantiate it: the tree binder sees at most text.
        List<String> p = problems(MINIMAL + "model: !!javax.script.ScriptEngineManager [1]\n");
        assertFalse(p.isEmpty());
    }

    @Test
    void separateSourcesMakeCountsOptional() {
        JobSpec spec = parse("""
                data:
                  source: bundled:digits
                  test_source: csv:/tmp/test.csv
                  split: {train: 100, target: 50}
                """);
        assertNull(spec.data().split().test());
        assertEquals("csv:/tmp/test.csv", spec.data().sourceOf(DataSpec.Role.TEST));
        assertTrue(problems("data: {split: {train: 1, target: 1, test: 1}}").stream()
                .anyMatch(s -> s.contains("data.train_source: no source for the train split")));
    }

    @Test
    void schedulesAreExactAtTheirEnds() {
        JobSpec spec = parse(MINIMAL, "training.steps=101",
                "training.lr_schedule={type: one_cycle, warmup: 0.2, start_ratio: 0.1, final_ratio: 0.01}");
        LrScheduleSpec s = spec.training().lrSchedule();
        assertEquals(0.1, s.multiplier(0, 101), 1e-15);
        assertEquals(1.0, s.multiplier(20, 101), 1e-15);
        assertEquals(0.01, s.multiplier(100, 101), 1e-15);
        LrScheduleSpec knots = new LrScheduleSpec.Knots(new double[] {1, 3, 2});
        assertArrayEquals(new double[] {1, 2, 3, 2.5, 2},
                new double[] {knots.multiplier(0, 5), knots.multiplier(1, 5), knots.multiplier(2, 5),
                    knots.multiplier(3, 5), knots.multiplier(4, 5)}, 1e-15);
        assertEquals(0.0, new LrScheduleSpec.Cosine(0.0).multiplier(9, 10), 1e-15);
        assertEquals(0.5, new LrScheduleSpec.Linear(0.0).multiplier(5, 11), 1e-15);
    }

    @Test
    void specsLoadFromFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, MINIMAL);
        assertEquals("t", SpecLoader.load(f.toString(), List.of()).name());
        assertEquals("t", SpecLoader.load(f.toUri().toString(), List.of()).name());
        assertTrue(assertThrows(RuntimeException.class, () -> SpecLoader.load(dir.resolve("no.yaml").toString(),
                List.of())).getMessage().contains("file not found"));
    }

    @Test
    void replayDefaultsAndBadValues() {
        JobSpec spec = parse(MINIMAL, "training.steps=1000");
        assertEquals("tree", spec.replay().schedule());
        assertEquals(32, spec.replay().k(1000));
        assertEquals(32, spec.replay().slots(1000));
        assertEquals("memory", spec.replay().checkpoints());
        JobSpec revolve = parse(MINIMAL, "replay={schedule: revolve, slots: 5, checkpoints: 'local:/tmp/c'}");
        assertEquals(5, revolve.replay().slots(1000));
        String all = String.join("\n", problems(MINIMAL, "replay={k: 1, slots: 0, schedule: binomial, checkpoints: disk}"));
        for (String expected : List.of("replay.k: must be >= 2, got 1", "replay.slots: must be >= 1, got 0",
                "replay.schedule: 'binomial' is not one of tree, revolve", "replay.checkpoints: 'disk' is not one of")) {
            assertTrue(all.contains(expected), "missing <" + expected + "> in\n" + all);
        }
    }

    @Test
    void freshSeedsGiveEachMetaStepItsOwnBatchOrders() {
        MgdSpec fixed = parse(MINIMAL, "mgd.task=select", "mgd.seeds=3").mgd();
        assertArrayEquals(new long[] {7, 8, 9}, fixed.trainingSeeds(7, 0));
        assertArrayEquals(new long[] {7, 8, 9}, fixed.trainingSeeds(7, 4));
        MgdSpec fresh = parse(MINIMAL, "mgd.task=select", "mgd.seeds=3", "mgd.fresh_seeds=true").mgd();
        assertArrayEquals(new long[] {7, 8, 9}, fresh.trainingSeeds(7, 0));
        assertArrayEquals(new long[] {19, 20, 21}, fresh.trainingSeeds(7, 4));
        assertTrue(fresh.earlyStopping());
        assertFalse(parse(MINIMAL, "mgd.task=select", "mgd.early_stopping=false").mgd().earlyStopping());
        String p = String.join("\n", problems(MINIMAL, "mgd.task=select", "mgd.steps=500", "mgd.seeds=2",
                "mgd.fresh_seeds=true", "mgd.optimizer.final_step=-1"));
        assertTrue(p.contains("mgd.fresh_seeds: needs (steps + 1) x seeds <= 1000 batch orders, got 1002"), p);
        assertTrue(p.contains("mgd.optimizer.final_step"), p);
    }

    @Test
    void metaOptimizerKeysTheRuleDoesNotReadAreRefused() {
        String p = String.join("\n", problems(MINIMAL, "mgd.task=select", "mgd.optimizer={swap: 5, final_step: 0.1}"));
        assertTrue(p.contains("mgd.optimizer.final_step: is not used by the exchange rule of select (it reads swap)"), p);
        p = String.join("\n", problems(MINIMAL, "mgd.task=schedule", "mgd.optimizer={type: signed, beta1: 0.5}"));
        assertTrue(p.contains("mgd.optimizer.beta1: is not used by the signed rule of schedule"), p);
        p = String.join("\n", problems(MINIMAL, "mgd.task=select", "mgd.seeds=1001"));
        assertTrue(p.contains("mgd.seeds: must be <= 1000, got 1001"), p);
        // What each rule reads passes.
        parse(MINIMAL, "mgd.task=select", "mgd.optimizer={type: signed, step: 2, fraction: 0.3, final_step: 1}");
        parse(MINIMAL, "mgd.task=schedule", "mgd.optimizer={type: adam, step: 0.2, beta1: 0.8, beta2: 0.99}");
        parse(MINIMAL, "mgd.task=select", "mgd.seeds=1000");
    }
}
