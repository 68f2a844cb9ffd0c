package org.mgd.driver.mgd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mgd.common.MgdException;
import org.mgd.common.data.Splits;
import org.mgd.common.io.HadoopFiles;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.MgdSpec;
import org.mgd.common.spec.Objective;
import org.mgd.driver.report.JsonReport;
import org.mgd.driver.spark.SparkSession;
import org.mgd.worker.metagrad.Metagradient;
import org.mgd.worker.task.MetagradientResult;
import org.mgd.worker.task.Task;
import org.mgd.worker.train.StepListener;

/**
 * The outer loop of metagradient descent, on the driver: each meta-step runs one metagradient
 * task per training seed (on the executors), averages them, keeps the best point by the
 * validation split, steps the metaparameters, and saves its state before going on.
 */
public final class MgdLoop {
    private final JobSpec spec;
    private final MgdSpec mgd;
    private final SparkSession spark;
    private final String out;
    private final boolean quiet;

    public MgdLoop(JobSpec spec, SparkSession spark, String out, boolean quiet) {
        if (spec.mgd() == null) {
            throw new MgdException("the spec has no mgd: section (task, steps, ...): nothing to run");
        }
        this.spec = spec;
        this.mgd = spec.mgd();
        this.spark = spark;
        this.out = out;
        this.quiet = quiet;
    }

    public static String statePath(String out) {
        return out + "/state.json";
    }

    /** A fresh state, or the saved one with {@code resume}; refuses to overwrite another run. */
    public MgdState start(boolean resume) {
        boolean saved = HadoopFiles.exists(statePath(out));
        if (resume) {
            if (!saved) {
                throw new MgdException("--resume: " + statePath(out) + " does not exist; nothing to resume");
            }
            return MgdState.read(statePath(out));
        }
        if (saved) {
            throw new MgdException(out + " already holds an MGD run (state.json); pass --resume to continue it,"
                    + " or choose another --out");
        }
        Metaparameters z = StartingPoint.of(spec, Splits.load(spec.data()).train());
        return new MgdState(0, z, MetaOptimizer.of(mgd, z.size()).initialState(z), null, Double.POSITIVE_INFINITY, -1,
                new ArrayList<>());
    }

    /**
     * Runs meta-steps until {@code mgd.steps} have been taken, evaluating the point before each
     * and the final one after; returns the final state. A state saved by a shorter run ends with
     * its final evaluation, which is simply the next meta-step's evaluation: it is redone, not kept twice.
     */
    public MgdState run(MgdState state) {
        MetaOptimizer optimizer = MetaOptimizer.of(mgd, state.z().size());
        while (true) {
            long t0 = System.nanoTime();
            int t = state.step();
            List<Task> tasks = new ArrayList<>();
            for (int k = 0; k < mgd.seeds(); k++) {
                long seed = spec.training().seed() + k;
                tasks.add(new Task(spec.withTrainingSeed(seed), state.z(), seed));
            }
            List<MetagradientResult> results = spark.metagradients(tasks, StepListener.NONE, false);
            Evaluated e = Evaluated.average(results, spec.objective());
            double score = Double.isNaN(e.validationObjective) ? e.objective : e.validationObjective;
            Metaparameters best = state.best();
            double bestScore = state.bestScore();
            int bestStep = state.bestStep();
            if (score < bestScore || (bestStep == t && best != null)) {
                best = state.z();
                bestScore = score;
                bestStep = t;
            }
            boolean done = t >= mgd.steps();
            Metaparameters next = state.z();
            double[][] optimizerState = state.optimizerState();
            double stepNorm = 0;
            if (!done) {
                MetaOptimizer.Step s = optimizer.step(state.z(), e.gradient, t, optimizerState);
                stepNorm = distance(state.z().values(), s.next().values());
                next = s.next();
                optimizerState = s.state();
            }
            List<Map<String, Object>> history = new ArrayList<>(state.history().subList(0, t));
            double runs = results.stream().mapToDouble(r -> r.metagradient().stats().gradientEvaluations()).sum()
                    / spec.training().steps();
            Map<String, Object> line = metrics(t, e, stepNorm, (System.nanoTime() - t0) / 1e9, state.z());
            line.put("training_run_equivalents", runs);
            history.add(line);
            state = new MgdState(done ? t : t + 1, next, optimizerState, best, bestScore, bestStep, history);
            save(state);
            if (!quiet) {
                System.err.println(progress(history.get(history.size() - 1)));
            }
            if (done) {
                return state;
            }
        }
    }

    private void save(MgdState state) {
        HadoopFiles.writeString(statePath(out), state.toJson());
        StringBuilder lines = new StringBuilder();
        for (Map<String, Object> line : state.history()) {
            lines.append(JsonReport.toCompactJson(line)).append('\n');
        }
        HadoopFiles.writeString(out + "/metrics.jsonl", lines.toString());
    }

    private Map<String, Object> metrics(int t, Evaluated e, double stepNorm, double seconds, Metaparameters z) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("step", t);
        f.put("objective", e.objective);
        f.put("validation_objective", finite(e.validationObjective));
        f.put("validation_accuracy", finite(e.validationAccuracy));
        f.put("test_accuracy", e.testAccuracy);
        f.put("step_norm", stepNorm);
        f.put("seconds", seconds);
        switch (mgd.task()) {
            case SELECT -> f.put("selected", java.util.Arrays.stream(z.values()).filter(w -> w > 0).count());
            case SCHEDULE -> f.put("knots", z.values());
            case POISON -> { }
        }
        return f;
    }

    private String progress(Map<String, Object> m) {
        return String.format("mgd %s step %s/%d  objective %.5f  validation %s  test accuracy %.4f  (%.1fs)",
                mgd.task().name().toLowerCase(), m.get("step"), mgd.steps(), (Double) m.get("objective"),
                m.get("validation_objective") == null ? "-" : String.format("%.5f", (Double) m.get("validation_objective")),
                (Double) m.get("test_accuracy"), (Double) m.get("seconds"));
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    /** One meta-step's results averaged over the training seeds. */
    private record Evaluated(double[] gradient, double objective, double validationObjective,
                             double validationAccuracy, double testAccuracy) {
        static Evaluated average(List<MetagradientResult> results, Objective judge) {
            int n = results.size();
            double[] g = null;
            double objective = 0;
            double validation = 0;
            double validationAccuracy = 0;
            double test = 0;
            for (MetagradientResult r : results) {
                Metagradient.Result m = r.metagradient();
                double[] v = m.gradient().values();
                if (g == null) {
                    g = new double[v.length];
                }
                for (int i = 0; i < v.length; i++) {
                    g[i] += v[i] / n;
                }
                objective += m.objective() / n;
                test += m.test().accuracy() / n;
                if (m.validation() == null) {
                    validation = Double.NaN;
                    validationAccuracy = Double.NaN;
                } else {
                    validation += m.validation().objective(judge) / n;
                    validationAccuracy += m.validation().accuracy() / n;
                }
            }
            return new Evaluated(g, objective, validation, validationAccuracy, test);
        }

    }
}
