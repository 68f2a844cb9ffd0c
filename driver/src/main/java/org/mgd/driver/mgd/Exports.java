package org.mgd.driver.mgd;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.mgd.common.data.Dataset;
import org.mgd.common.data.IdxWriter;
import org.mgd.common.data.Splits;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.LrScheduleSpec;
import org.mgd.common.spec.TrainingSpec;
import org.mgd.driver.report.JsonReport;
import org.mgd.worker.train.LrPlan;

/**
 * What MGD made, as files a user takes elsewhere (every file written atomically, on any Hadoop
 * FS). Select: {@code selection.json}, the kept examples by their index in the train split and by
 * their row in the source file. Poison: {@code poisons.json} (the same two indexings of the
 * poisoned examples), the poisons alone as an IDX pair ({@code poisons-images-idx3-ubyte},
 * {@code poisons-labels-idx1-ubyte}), and the whole poisoned training split as another
 * ({@code poisoned-train-*}): a drop-in training set, {@code idx:OUT/poisoned-train}. IDX holds
 * bytes, so pixels are rounded to multiples of 1/255 there; best-metaparameters.json keeps them exact.
 * Schedule: {@code schedule.json}, the learned learning rate of every step beside the grid's best.
 * Returns the result.json fields naming the files.
 */
final class Exports {
    private Exports() {}

    static Map<String, Object> write(JobSpec spec, Metaparameters best, JobSpec gridBest, String out) {
        Map<String, Object> files = new LinkedHashMap<>();
        switch (spec.mgd().task()) {
            case SELECT -> files.put("selection", selection(spec, best, out + "/selection.json"));
            case POISON -> {
                Dataset train = Splits.load(spec.data()).train();
                int[] poisoned = best.indices();
                files.put("poisons", indices(spec, poisoned, "poisoned", out + "/poisons.json"));
                IdxWriter.write(out + "/poisons", train.withFeatures(poisoned, best.values()).select(poisoned));
                files.put("poisons_idx", out + "/poisons");
                IdxWriter.write(out + "/poisoned-train", train.withFeatures(poisoned, best.values()));
                files.put("poisoned_train_idx", out + "/poisoned-train");
            }
            case SCHEDULE -> files.put("schedule", schedule(spec, best, gridBest, out + "/schedule.json"));
        }
        return files;
    }

    /**
     * The learned schedule as learning rates, not multipliers: its knots and where they sit, the
     * rate of every training step, and beside it the grid's best one-cycle schedule (null: none).
     */
    private static String schedule(JobSpec spec, Metaparameters best, JobSpec gridBest, String location) {
        TrainingSpec training = spec.training();
        double[] knots = best.values();
        double[] knotSteps = new double[knots.length];
        for (int k = 0; k < knots.length; k++) {
            knotSteps[k] = (double) k * (training.steps() - 1) / (knots.length - 1);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("steps", training.steps());
        f.put("base_lr", training.optimizer().lr());
        f.put("knots", knots);
        f.put("knot_steps", knotSteps);
        f.put("learning_rates", learningRates(spec, best));
        if (gridBest != null && gridBest.training().lrSchedule() instanceof LrScheduleSpec.OneCycle cycle) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("peak_lr", gridBest.training().optimizer().lr());
            g.put("warmup", cycle.warmup());
            g.put("final_ratio", cycle.finalRatio());
            g.put("learning_rates", learningRates(gridBest, null));
            f.put("grid_best", g);
        }
        JsonReport.emit(f, location);
        return location;
    }

    /** Every step's learning rate, as training computes it, at the lr_schedule knots {@code z} (null: none). */
    static double[] learningRates(JobSpec spec, Metaparameters z) {
        TrainingSpec t = spec.training();
        return new LrPlan(t.optimizer().lr(), t.lrSchedule(), z == null ? null : z.values(), t.steps()).all();
    }

    private static String selection(JobSpec spec, Metaparameters best, String location) {
        double[] w = best.values();
        int[] kept = IntStream.range(0, w.length).filter(i -> w[i] > 0).toArray();
        return indices(spec, kept, "selected", location);
    }

    /** A JSON file naming examples by train-split index and by source row, with what a user checks first. */
    private static String indices(JobSpec spec, int[] chosen, String what, String location) {
        int[] sourceRows = Splits.trainSourceIndices(spec.data());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(what, chosen.length);
        f.put("train_size", sourceRows.length);
        f.put("source", spec.data().sourceOf(org.mgd.common.spec.DataSpec.Role.TRAIN));
        f.put("train_indices", chosen);
        f.put("source_indices", Arrays.stream(chosen).map(i -> sourceRows[i]).toArray());
        if (spec.data().labelNoise() > 0) {
            // How many chosen examples carry a label that data.label_noise made wrong.
            int[] noisy = Splits.noisyExamples(sourceRows.length, spec.data().labelNoise(), spec.data().split().seed());
            f.put("wrong_labels", Arrays.stream(chosen).filter(i -> Arrays.binarySearch(noisy, i) >= 0).count());
        }
        JsonReport.emit(f, location);
        return location;
    }
}
