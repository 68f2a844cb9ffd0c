package org.mgd.driver.mgd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.mgd.common.data.Splits;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.MgdSpec;
import org.mgd.driver.spark.SparkSession;
import org.mgd.worker.task.PoolScores;
import org.mgd.worker.task.Task;
import org.mgd.worker.task.TaskResult;
import org.mgd.worker.train.StepListener;

/**
 * What MGD's result is worth: the best metaparameters against the simple alternatives, each
 * retrained from scratch with training seeds MGD never saw (the mean ± std reported), and once
 * more with the training seed MGD optimised with (does the result transfer beyond it?). Select:
 * the random subset MGD started from, the whole pool, small-loss filtering and gradient alignment
 * (both scored at a model trained on the whole pool), and with label noise an oracle that keeps
 * only correctly-labelled examples (the headroom). Poison: no poison, and on the same examples
 * random-noise poisons, adversarial-example poisons and label flips (pixels clean, labels changed:
 * a stronger threat model than MGD's, there for scale). Schedule: the flat schedule MGD started
 * from and the best of a one-cycle grid. A run started from a given point (./mgd run --meta) has
 * that point as a row of its own, beside the random subset or flat schedule.
 */
final class Comparison {
    private Comparison() {}

    static final int SEEDS = 3;
    static final String CLEAN_ORACLE = "clean-label oracle (for scale)";

    static final String GIVEN_START = "MGD's start (given with --meta)";

    static final String LABEL_FLIPS = "label flips of the same examples (stronger threat model)";

    /**
     * One candidate: its target objective and test accuracy over the unseen seeds, and its test
     * accuracy when retrained with the seed MGD optimised with.
     */
    record Row(String name, double objective, double testAccuracy, double testAccuracyStd, int runs,
               double mgdSeedTestAccuracy) {
        Map<String, Object> json() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", name);
            f.put("target_objective", objective);
            f.put("test_accuracy", testAccuracy);
            f.put("test_accuracy_std", testAccuracyStd);
            f.put("runs", runs);
            f.put("mgd_seed_test_accuracy", mgdSeedTestAccuracy);
            return f;
        }
    }

    /**
     * One row per candidate, MGD's result first; each candidate's metaparameters by name (none for
     * label flips and the grid's best, which change the spec instead); for schedules also the
     * grid's best spec (else null).
     */
    record Outcome(List<Row> rows, Map<String, Metaparameters> metaparameters, JobSpec gridBest) {}

    static Outcome run(JobSpec spec, SparkSession spark, Metaparameters start, Metaparameters best) {
        Map<String, Metaparameters> candidates = new LinkedHashMap<>();
        Map<String, JobSpec> specs = new LinkedHashMap<>();
        JobSpec gridBest = null;
        switch (spec.mgd().task()) {
            case SELECT -> {
                candidates.put("MGD selection", best);
                putStart(candidates, start, StartingPoint.of(spec, Splits.load(spec.data()).train()), "random subset");
                Metaparameters all = Metaparameters.unitWeights(start.size());
                candidates.put("whole pool", all);
                int budget = StartingPoint.budget(spec.mgd(), start.size());
                PoolScores scores = spark.scorePool(new Task(spec, all,
                        spec.training().seed()));
                candidates.put("small-loss filtering", PoolScores.keep(scores.losses(), budget, true));
                candidates.put("gradient alignment", PoolScores.keep(scores.alignments(), budget, false));
                if (spec.data().labelNoise() > 0) {
                    candidates.put(CLEAN_ORACLE, cleanOracle(spec, start.size(), budget));
                }
            }
            case POISON -> {
                candidates.put("MGD poisons", best);
                candidates.put("random-noise poisons", noise(start, spec.mgd().seed()));
                candidates.put("adversarial-example poisons", spark.adversarialPoisons(Task.of(spec, null), start,
                        spec.mgd().radius() != null ? spec.mgd().radius() / 4 : 0.05, spec.mgd().radius()));
                candidates.put(LABEL_FLIPS, null);
                specs.put(LABEL_FLIPS, spec.withData(spec.data().withFlipLabels(start.indices())));
                candidates.put("clean (no poison)", start);
            }
            case SCHEDULE -> {
                candidates.put("learned schedule", best);
                putStart(candidates, start, StartingPoint.of(spec, null), "flat schedule");
                OneCycleGrid.Best grid = OneCycleGrid.search(spec, spark);
                candidates.put(grid.name(), null);
                specs.put(grid.name(), grid.spec());
                gridBest = grid.spec();
            }
        }
        // Per candidate: the seed MGD trained with first, then the unseen ones.
        List<Task> tasks = new ArrayList<>();
        for (Map.Entry<String, Metaparameters> c : candidates.entrySet()) {
            JobSpec own = specs.getOrDefault(c.getKey(), spec);
            tasks.add(new Task(own, c.getValue(), spec.training().seed()));
            for (int k = 0; k < SEEDS; k++) {
                long seed = spec.training().seed() + MgdSpec.UNSEEN_SEED_OFFSET + k;
                tasks.add(new Task(own.withTrainingSeed(seed), c.getValue(), seed));
            }
        }
        List<TaskResult> results = spark.train(tasks, StepListener.NONE);
        List<Row> rows = new ArrayList<>();
        int i = 0;
        for (String name : candidates.keySet()) {
            double mgdSeedAccuracy = results.get(i++).test().accuracy();
            double objective = 0;
            double[] accuracy = new double[SEEDS];
            for (int k = 0; k < SEEDS; k++) {
                TaskResult r = results.get(i++);
                objective += r.objective() / SEEDS;
                accuracy[k] = r.test().accuracy();
            }
            rows.add(new Row(name, objective, mean(accuracy), std(accuracy), SEEDS, mgdSeedAccuracy));
        }
        Map<String, Metaparameters> points = new LinkedHashMap<>();
        candidates.forEach((name, z) -> {
            if (z != null) {
                points.put(name, z);
            }
        });
        return new Outcome(rows, points, gridBest);
    }

    /**
     * MGD's start as a row: the task's own start ({@code own}, named {@code ownName}) when MGD began
     * there, else the start given with --meta and, beside it, the task's own.
     */
    private static void putStart(Map<String, Metaparameters> candidates, Metaparameters start, Metaparameters own,
                                 String ownName) {
        if (own.equals(start)) {
            candidates.put(ownName + " (MGD's start)", start);
        } else {
            candidates.put(GIVEN_START, start);
            candidates.put(ownName, own);
        }
    }

    /**
     * The selection no method can see: a random {@code budget} of the examples whose labels
     * {@code data.label_noise} left right (all of them if fewer). It bounds what selecting
     * against the noise can gain with this training recipe.
     */
    static Metaparameters cleanOracle(JobSpec spec, int poolSize, int budget) {
        int[] noisy = Splits.noisyExamples(poolSize, spec.data().labelNoise(), spec.data().split().seed());
        double[] w = new double[poolSize];
        int kept = 0;
        for (int i : Splits.permutation(poolSize, spec.mgd().seed() + 2)) {
            if (kept < budget && Arrays.binarySearch(noisy, i) < 0) {
                w[i] = 1;
                kept++;
            }
        }
        return Metaparameters.dataWeights(w);
    }

    /** Uniform noise in the pixel box on the same examples: the clean-label baseline. */
    private static Metaparameters noise(Metaparameters clean, long seed) {
        SplittableRandom random = new SplittableRandom(seed + 17);
        double[] x = new double[clean.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
        }
        return Metaparameters.inputs(clean.indices(), x);
    }

    static double mean(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x;
        }
        return s / a.length;
    }

    static double std(double[] a) {
        double m = mean(a);
        double s = 0;
        for (double x : a) {
            s += (x - m) * (x - m);
        }
        return a.length < 2 ? 0 : Math.sqrt(s / (a.length - 1));
    }
}
