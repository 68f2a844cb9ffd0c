package org.mgd.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgd.common.MgdException;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecException;
import org.mgd.common.spec.SpecLoader;
import org.mgd.driver.mgd.MgdLoop;
import org.mgd.driver.mgd.MgdState;
import org.mgd.driver.spark.SparkSession;

/** Metagradient descent end to end on the digits variants, in real Spark local mode. */
class MgdRunTest {
    private static final Path ROOT = Path.of(System.getProperty("mgd.root", "..")).toAbsolutePath().normalize();

    private static JobSpec spec(String name, String... overrides) {
        return SpecLoader.load(ROOT.resolve("deploy/examples/" + name).toString(), List.of(overrides));
    }

    private static MgdState run(JobSpec spec, Path out, boolean resume) {
        try (SparkSession spark = SparkSession.start("test", "local[2]")) {
            MgdLoop loop = new MgdLoop(spec, spark, out.toString(), true);
            return loop.run(loop.start(resume));
        }
    }

    private static double runs(MgdState s, int step) {
        return ((Number) s.history().get(step).get("training_run_equivalents")).doubleValue();
    }

    private static double objective(MgdState s, int step) {
        return (Double) s.history().get(step).get("objective");
    }

    @Test
    void selectionImprovesTheTargetAtAnExactBudget(@TempDir Path dir) {
        JobSpec spec = spec("digits-select.yaml", "mgd.steps=3");
        MgdState end = run(spec, dir, false);
        assertTrue(objective(end, 3) < objective(end, 0), "target loss " + objective(end, 0) + " -> " + objective(end, 3));
        for (Map<String, Object> line : end.history()) {
            assertEquals(300, ((Number) line.get("selected")).intValue(), "the budget holds at every meta-step");
        }
        assertTrue(Files.exists(dir.resolve("metrics.jsonl")));
    }

    @Test
    void theSignedRuleKeepsTheBudgetExactly(@TempDir Path dir) {
        // The paper's rule, with a mask large enough that whole blocks drop out at once.
        MgdState end = run(spec("digits-select.yaml", "mgd.steps=2", "mgd.optimizer={type: signed, step: 1, fraction: 0.3}"),
                dir, false);
        assertTrue(objective(end, 2) < objective(end, 0), "target loss " + objective(end, 0) + " -> " + objective(end, 2));
        double[] c = end.z().values();
        assertEquals(300, Arrays.stream(c).sum(), 0.0, "counts sum to the budget");
        assertTrue(Arrays.stream(c).allMatch(x -> x >= 0 && x == Math.rint(x)), "whole, non-negative counts");
    }

    @Test
    void poisonsTakeAdamStepsInsideTheBoxAndTheRadius(@TempDir Path dir) {
        MgdState end = run(spec("digits-poison.yaml", "mgd.steps=2", "mgd.radius=0.3",
                "mgd.optimizer={type: adam, step: 0.1}"), dir, false);
        assertTrue(objective(end, 2) < objective(end, 0), objective(end, 0) + " -> " + objective(end, 2));
        double[] clean = end.optimizerState()[0];
        double[] x = end.z().values();
        double moved = 0;
        for (int i = 0; i < x.length; i++) {
            assertTrue(x[i] >= 0 && x[i] <= 1 && Math.abs(x[i] - clean[i]) <= 0.3 + 1e-12, "pixel " + x[i]);
            moved = Math.max(moved, Math.abs(x[i] - clean[i]));
        }
        assertTrue(moved > 0.1, "two Adam steps of 0.1 moved some pixel by " + moved);
        assertEquals(2, end.optimizerState()[3][0], "Adam counted its two steps");
    }

    @Test
    void poisoningRaisesTheTargetLossInsideThePixelBox(@TempDir Path dir) {
        MgdState end = run(spec("digits-poison.yaml", "mgd.steps=3"), dir, false);
        // The objective is minus the target loss: it must go down.
        assertTrue(objective(end, 3) < objective(end, 0), objective(end, 0) + " -> " + objective(end, 3));
        for (double x : end.z().values()) {
            assertTrue(x >= 0 && x <= 1, "pixel " + x);
        }
        assertEquals(30, end.z().indices().length);
    }

    @Test
    void aLearnedScheduleBeatsTheFlatStartWithPositiveRates(@TempDir Path dir) {
        MgdState end = run(spec("digits-schedule.yaml", "mgd.steps=3"), dir, false);
        assertTrue(objective(end, 3) < objective(end, 0), objective(end, 0) + " -> " + objective(end, 3));
        // Meta-steps pay for metagradients; the final point, from which no step is taken, for one run.
        assertTrue(runs(end, 0) > 2, "a metagradient costs " + runs(end, 0));
        assertEquals(1.0, runs(end, 3), 1e-12);
        for (double k : end.z().values()) {
            assertTrue(k > 0, "knot " + k);
        }
    }

    @Test
    void resumingGivesTheUninterruptedResult(@TempDir Path dir) {
        MgdState whole = run(spec("digits-select.yaml", "mgd.steps=3"), dir.resolve("whole"), false);
        run(spec("digits-select.yaml", "mgd.steps=1"), dir.resolve("split"), false);
        MgdState resumed = run(spec("digits-select.yaml", "mgd.steps=3"), dir.resolve("split"), true);
        assertEquals(whole.z(), resumed.z());
        assertEquals(whole.history().size(), resumed.history().size());
        for (int t = 0; t < whole.history().size(); t++) {
            assertEquals(objective(whole, t), objective(resumed, t), 0.0, "meta-step " + t);
        }
        assertArrayEquals(whole.best().values(), resumed.best().values(), 0.0);
    }

    @Test
    void freshSeedsAndADecayingStepResumeToTheUninterruptedResult(@TempDir Path dir) {
        String[] sets = {"mgd.fresh_seeds=true", "mgd.seeds=2", "mgd.optimizer.final_step=0.02", "training.steps=60"};
        JobSpec spec = spec("digits-poison.yaml", with(sets, "mgd.steps=3"));
        MgdState whole = run(spec, dir.resolve("whole"), false);
        // Stopped after two meta-steps (a driver that died there): the step size at meta-step 2
        // only matches the uninterrupted run's if it falls over the same horizon.
        try (SparkSession spark = SparkSession.start("test", "local[2]")) {
            MgdLoop loop = new MgdLoop(spec, spark, dir.resolve("split").toString(), true);
            loop.step(loop.step(loop.start(false)));
        }
        MgdException e = assertThrows(MgdException.class,
                () -> run(spec("digits-poison.yaml", with(sets, "mgd.steps=4")), dir.resolve("split"), true));
        assertTrue(e.getMessage().contains("mgd.steps (3 then, 4 now)"), e.getMessage());
        MgdState resumed = run(spec, dir.resolve("split"), true);
        assertArrayEquals(whole.z().values(), resumed.z().values(), 0.0);
        for (int t = 0; t < whole.history().size(); t++) {
            assertEquals(objective(whole, t), objective(resumed, t), 0.0, "meta-step " + t);
        }
        // Each meta-step trained with its own batch orders: the same point scores differently on them.
        MgdState fixed = run(spec("digits-poison.yaml", "mgd.seeds=2", "mgd.optimizer.final_step=0.02",
                "training.steps=60", "mgd.steps=1"), dir.resolve("fixed"), false);
        assertEquals(objective(fixed, 0), objective(whole, 0), 0.0);
        assertTrue(objective(fixed, 1) != objective(whole, 1), "meta-step 1 used the same seeds");
    }

    @Test
    void aScheduleResumesWithItsAdamMoments(@TempDir Path dir) {
        MgdState whole = run(spec("digits-schedule.yaml", "mgd.steps=3", "training.steps=60"), dir.resolve("whole"), false);
        run(spec("digits-schedule.yaml", "mgd.steps=2", "training.steps=60"), dir.resolve("split"), false);
        MgdState resumed = run(spec("digits-schedule.yaml", "mgd.steps=3", "training.steps=60", "replay.k=4"),
                dir.resolve("split"), true);
        assertArrayEquals(whole.z().values(), resumed.z().values(), 0.0);
        assertArrayEquals(whole.optimizerState()[1], resumed.optimizerState()[1], 0.0);
        for (int t = 0; t < whole.history().size(); t++) {
            assertEquals(objective(whole, t), objective(resumed, t), 0.0, "meta-step " + t);
        }
    }

    @Test
    void resumingAnotherJobIsRefusedNamingWhatChanged(@TempDir Path dir) {
        run(spec("digits-select.yaml", "mgd.steps=0"), dir, false);
        MgdException e = assertThrows(MgdException.class, () -> run(spec("digits-select.yaml", "mgd.steps=1",
                "training.optimizer.lr=0.2", "mgd.budget=0.4"), dir, true));
        assertTrue(e.getMessage().contains("training.optimizer.lr (0.1 then, 0.2 now)"), e.getMessage());
        assertTrue(e.getMessage().contains("mgd.budget (0.5 then, 0.4 now)"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(".mgd-run.lock")), "a refused resume holds no lock");
        e = assertThrows(MgdException.class, () -> run(spec("digits-select.yaml", "mgd.steps=1",
                "training.lr_schedule={type: cosine}"), dir, true));
        assertTrue(e.getMessage().contains("training.lr_schedule.kind"), e.getMessage());
        // The Hessian-vector products' step changes every metagradient; where checkpoints live does not.
        e = assertThrows(MgdException.class, () -> run(spec("digits-select.yaml", "mgd.steps=1",
                "replay.vjp_step=1e-4"), dir, true));
        assertTrue(e.getMessage().contains("replay.vjp_step (1.0E-5 then, 1.0E-4 now)"), e.getMessage());
        // Writing a default out is the same job.
        assertEquals(2, run(spec("digits-select.yaml", "mgd.steps=1", "training.optimizer.nesterov=false"), dir, true)
                .history().size());
    }

    private static String[] with(String[] sets, String more) {
        String[] all = Arrays.copyOf(sets, sets.length + 1);
        all[sets.length] = more;
        return all;
    }

    @Test
    void aRunThatFailsGivesUpItsLockSoTheSameCommandCanStartAgain(@TempDir Path dir) {
        MgdException e = assertThrows(MgdException.class,
                () -> run(spec("digits-select.yaml", "mgd.steps=2", "training.optimizer.lr=1e305"), dir, false));
        assertTrue(e.getMessage().contains("diverged at step"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(".mgd-run.lock")), "a failed run holds no lock");
        assertEquals(3, run(spec("digits-select.yaml", "mgd.steps=2"), dir, false).history().size());
    }

    @Test
    void aSecondRunRefusesTheSameDirectory(@TempDir Path dir) {
        run(spec("digits-schedule.yaml", "mgd.steps=0"), dir, false);
        MgdException e = org.junit.jupiter.api.Assertions.assertThrows(MgdException.class,
                () -> run(spec("digits-schedule.yaml", "mgd.steps=0"), dir, false));
        assertTrue(e.getMessage().contains("already holds an MGD run"), e.getMessage());
    }

    @Test
    void aSecondJobInTheSameDirectoryRefusesWhileTheFirstRuns(@TempDir Path dir) {
        JobSpec spec = spec("digits-select.yaml", "mgd.steps=1");
        try (SparkSession spark = SparkSession.start("test", "local[2]")) {
            MgdLoop first = new MgdLoop(spec, spark, dir.toString(), true);
            MgdState start = first.start(false);
            MgdException e = assertThrows(MgdException.class, () -> new MgdLoop(spec, spark, dir.toString(), true).start(false));
            assertTrue(e.getMessage().contains("is in use by another MGD run"), e.getMessage());
            first.run(start);
            // Finished: the lock is gone, state.json now refuses a new run and allows a resume.
            e = assertThrows(MgdException.class, () -> new MgdLoop(spec, spark, dir.toString(), true).start(false));
            assertTrue(e.getMessage().contains("already holds an MGD run"), e.getMessage());
            assertFalse(Files.exists(dir.resolve(".mgd-run.lock")));
        }
    }

    @Test
    void badMgdSectionsFailBeforeAnyTraining() {
        for (String[] bad : new String[][] {{"digits-select.yaml", "mgd.budget=1.5", "larger than the pool"},
            {"digits-poison.yaml", "mgd.poison_fraction=0", "poisoning needs examples"},
            {"digits-schedule.yaml", "mgd.knots=1", "at least 2 knots"},
            {"digits-schedule.yaml", "mgd.knots=151", "more than training.steps (150)"},
            {"digits-select.yaml", "mgd.task=distill", "'distill' is not one of select, poison, schedule"},
            {"digits-select.yaml", "mgd.optimizer.type=adam", "'adam' is not one of exchange, signed"},
            {"digits-poison.yaml", "objective=target_loss", "set objective: neg_target_loss"},
            {"digits-poison.yaml", "mgd.fresh_seeds=true", "mgd.seeds=200", "needs (steps + 1) x seeds <= 1000"}}) {
            SpecException e = org.junit.jupiter.api.Assertions.assertThrows(SpecException.class,
                    () -> spec(bad[0], Arrays.copyOfRange(bad, 1, bad.length - 1)));
            assertTrue(e.getMessage().contains(bad[bad.length - 1]), bad[1] + ": " + e.getMessage());
        }
    }
}
