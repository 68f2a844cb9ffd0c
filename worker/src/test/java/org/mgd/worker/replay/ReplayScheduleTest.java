package org.mgd.worker.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgd.common.data.Splits;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.worker.metagrad.Metagradient;
import org.mgd.worker.testing.Specs;

/**
 * The metagradient does not depend on how training is replayed (every schedule runs the same
 * steps on the same bits), and each schedule stays within its memory bound.
 */
class ReplayScheduleTest {

    private static JobSpec spec(int steps, String replay, String... more) {
        List<String> overrides = new ArrayList<>(List.of("model.hidden=[8]", "training.steps=" + steps,
                "training.batch_size=16", "data.split={train: 128, target: 64, test: 64}",
                "training.optimizer={type: adam, lr: 0.01}", "replay=" + replay));
        overrides.addAll(List.of(more));
        return Specs.example("digits-mlp.yaml", overrides.toArray(String[]::new));
    }

    private static Metaparameters knots() {
        return Metaparameters.lrSchedule(new double[] {1.0, 0.7, 0.4});
    }

    @Test
    void everyScheduleGivesTheSameMetagradientBitForBit() {
        int steps = 60;
        Metagradient.Result reference = Metagradient.compute(spec(steps, "{k: " + steps + "}"), null, 0);
        Metagradient.Result referenceLr = Metagradient.compute(spec(steps, "{k: " + steps + "}"), knots(), 0);
        List<String> schedules = List.of("{k: 2}", "{k: 3}", "{k: 8}", "{schedule: revolve, slots: 1}",
                "{schedule: revolve, slots: 3}", "{schedule: revolve, slots: 10}");
        for (String replay : schedules) {
            Metagradient.Result r = Metagradient.compute(spec(steps, replay), null, 0);
            assertArrayEquals(reference.gradient().values(), r.gradient().values(), 0.0, replay);
            assertEquals(reference.objective(), r.objective(), 0.0, replay);
            Metagradient.Result lr = Metagradient.compute(spec(steps, replay), knots(), 0);
            assertArrayEquals(referenceLr.gradient().values(), lr.gradient().values(), 0.0, replay);
        }
    }

    /**
     * BatchNorm's running statistics are training state: checkpoints carry them, replays recompute
     * them, and the metagradient (here through inputs, which also reach the statistics) keeps its bits.
     */
    @Test
    void batchNormRunningStatisticsReplayBitForBit() {
        int steps = 20;
        String bn = "model.batchnorm=before";
        int[] rows = {2, 7};
        Metaparameters inputs = Metaparameters.inputs(rows,
                Splits.load(spec(steps, "{k: 2}").data()).train().select(rows).features());
        Metagradient.Result reference = Metagradient.compute(spec(steps, "{k: " + steps + "}", bn), inputs, 0);
        for (String replay : List.of("{k: 2}", "{k: 3}", "{schedule: revolve, slots: 2}")) {
            Metagradient.Result r = Metagradient.compute(spec(steps, replay, bn), inputs, 0);
            assertArrayEquals(reference.gradient().values(), r.gradient().values(), 0.0, replay);
            assertEquals(reference.objective(), r.objective(), 0.0, replay);
        }
    }

    @Test
    void theTreeKeepsAtMostKStatesPerLevel() {
        List<String> report = new ArrayList<>();
        for (int steps : new int[] {10, 37, 64, 100}) {
            for (int k : new int[] {2, 3, 5, 8, steps}) {
                Metagradient.Result r = Metagradient.compute(spec(steps, "{k: " + k + "}"), null, 0);
                int levels = (int) Math.ceil(Math.log(steps) / Math.log(k) - 1e-12);
                int bound = k * Math.max(levels, 1) + 1;
                report.add("T=" + steps + " k=" + k + " peak=" + r.stats().peakLiveStates() + " bound=" + bound);
                assertTrue(r.stats().peakLiveStates() <= bound, String.join("\n", report));
                assertTrue(r.stats().forwardSteps() <= (long) (levels + 1) * steps, String.join("\n", report));
            }
        }
        Metagradient.Result all = Metagradient.compute(spec(50, "{k: 50}"), null, 0);
        assertEquals(50, all.stats().forwardSteps(), "k = T stores everything and never replays");
        assertEquals(50 + 2 * 50 + 1, all.stats().gradientEvaluations(),
                "with k = T the forward pass is the leaf: T gradients, 2 per VJP, 1 for the objective");
    }

    @Test
    void revolveUsesItsSlotsAndTheFewestReplays() {
        for (int steps : new int[] {20, 64, 100}) {
            for (int slots : new int[] {1, 2, 4, 9}) {
                Metagradient.Result r = Metagradient.compute(spec(steps, "{schedule: revolve, slots: " + slots + "}"),
                        null, 0);
                assertTrue(r.stats().peakLiveStates() <= slots + 1, "T=" + steps + " slots=" + slots
                        + " peak=" + r.stats().peakLiveStates());
                // The plan's own count, less the right spine's advances, which the first pass makes.
                BinomialPlan plan = new BinomialPlan(steps, slots - 1);
                int lo = 0;
                for (int free = slots - 1; steps - lo >= 2 && free >= 1; free--) {
                    lo += plan.split(steps - lo, free);
                }
                assertEquals(steps + plan.forwardSteps(steps, slots - 1) - lo, r.stats().forwardSteps(),
                        "T=" + steps + " slots=" + slots);
            }
        }
    }

    @Test
    void checkpointsOnDiskGiveTheSameBits(@TempDir Path dir) {
        Metagradient.Result memory = Metagradient.compute(spec(40, "{k: 3}"), null, 0);
        Metagradient.Result disk = Metagradient.compute(spec(40, "{k: 3, checkpoints: 'local:" + dir + "'}"), null, 0);
        assertArrayEquals(memory.gradient().values(), disk.gradient().values(), 0.0);
        Metagradient.Result revolve = Metagradient.compute(
                spec(40, "{schedule: revolve, slots: 4, checkpoints: '" + dir.toUri() + "'}"), null, 0);
        assertArrayEquals(memory.gradient().values(), revolve.gradient().values(), 0.0);
        assertEquals(0, dir.toFile().listFiles(f -> !f.getName().startsWith(".")).length,
                "checkpoints are removed when the metagradient is done");
    }
}
