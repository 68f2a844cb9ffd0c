package org.mgd.driver.mgd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.mgd.common.MgdException;
import org.mgd.common.data.Dataset;
import org.mgd.common.data.Splits;
import org.mgd.common.io.HadoopFiles;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.MgdSpec;
import org.mgd.driver.report.JsonReport;
import org.mgd.driver.spark.SeedSum;
import org.mgd.driver.spark.SparkSession;

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
    private RunLock lock;

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

    /** Where a run keeps the point it started from (what the comparison calls MGD's start). */
    public static String startPath(String out) {
        return out + "/start-metaparameters.json";
    }

    /** A fresh state, or the saved one with {@code resume}; refuses to overwrite another run. */
    public MgdState start(boolean resume) {
        return start(resume, null);
    }

    /**
     * {@link #start(boolean)}; a fresh run starts from {@code given} when it is not null (checked
     * against the task's budget or knots), else from {@link StartingPoint}'s point. A resumed run
     * keeps the start it was begun with: {@code given}, if any, must be that one (so the command
     * that started a run, with --resume added, continues it).
     */
    public MgdState start(boolean resume, Metaparameters given) {
        HadoopFiles.checkWritableDirectory(out);
        boolean saved = HadoopFiles.exists(statePath(out));
        if (resume) {
            if (!saved) {
                throw new MgdException("--resume: " + statePath(out) + " does not exist; nothing to resume");
            }
            MgdState state = MgdState.read(statePath(out));
            SavedSpec.check(state.spec(), spec, statePath(out));
            if (given != null && !given.equals(HadoopFiles.exists(startPath(out)) ? Metaparameters.read(startPath(out))
                    : null)) {
                throw new MgdException("--resume --meta: this run did not start from the given --meta (its start is "
                        + startPath(out) + "); resume without --meta, or start afresh in another --out");
            }
            lock = RunLock.acquire(out, true);
            return state;
        }
        if (saved) {
            throw new MgdException(out + " already holds an MGD run (state.json); pass --resume to continue it,"
                    + " or choose another --out");
        }
        Dataset train = Splits.load(spec.data()).train();
        Metaparameters z = given == null ? StartingPoint.of(spec, train) : StartingPoint.given(spec, train, given);
        lock = RunLock.acquire(out, false);
        releasingOnFailure(() -> {
            z.write(startPath(out));
            return null;
        });
        return new MgdState(0, z, MetaOptimizer.of(mgd, z.size()).initialState(z), null, Double.POSITIVE_INFINITY, -1,
                new ArrayList<>(), SavedSpec.of(spec));
    }

    /**
     * Runs meta-steps until {@code mgd.steps} have been taken, evaluating the point before each
     * and the final one after (by plain training runs: no step follows it); returns the final
     * state. A state saved by a shorter run ends with its final evaluation, which is simply the
     * next meta-step's evaluation: it is redone, not kept twice.
     */
    public MgdState run(MgdState state) {
        while (true) {
            boolean last = state.step() >= mgd.steps();
            state = step(state);
            if (last) {
                return state;
            }
        }
    }

    /**
     * One meta-step from {@code state}, or past {@code mgd.steps} the final evaluation; the new
     * state is saved (state.json, metrics.jsonl) before it is returned, so a driver that dies
     * after it resumes from there.
     */
    public MgdState step(MgdState state) {
        return releasingOnFailure(() -> stepHoldingTheLock(state));
    }

    /**
     * A loop that fails in this process (a Spark job, a diverged run, an unwritable output) gives
     * its lock up: the same command can start again. Only a driver that dies keeps it, for
     * --resume to take over.
     */
    private <T> T releasingOnFailure(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            if (lock != null) {
                lock.release();
                lock = null;
            }
            throw e;
        }
    }

    private MgdState stepHoldingTheLock(MgdState state) {
        MetaOptimizer optimizer = MetaOptimizer.of(mgd, state.z().size());
        long t0 = System.nanoTime();
        int t = state.step();
        long[] seeds = mgd.trainingSeeds(spec.training().seed(), t);
        boolean done = t >= mgd.steps();
        SparkSession.MetaStep shipped = done ? spark.evaluationSum(spec, state.z(), seeds)
                : spark.metagradientSum(spec, state.z(), seeds);
        SeedSum.Part e = shipped.sum().mean();
        double score = Double.isNaN(e.validationObjective()) ? e.objective() : e.validationObjective();
        Metaparameters best = state.best();
        double bestScore = state.bestScore();
        int bestStep = state.bestStep();
        if (!mgd.earlyStopping() || score < bestScore || (bestStep == t && best != null)) {
            best = state.z();
            bestScore = score;
            bestStep = t;
        }
        Metaparameters next = state.z();
        double[][] optimizerState = state.optimizerState();
        double stepNorm = 0;
        if (!done) {
            requireFinite(e.gradient(), t);
            MetaOptimizer.Step s = optimizer.step(state.z(), e.gradient(), t, optimizerState);
            stepNorm = distance(state.z().values(), s.next().values());
            next = s.next();
            optimizerState = s.state();
        }
        List<Map<String, Object>> history = new ArrayList<>(state.history().subList(0, t));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> line = metrics(t, e, stepNorm, seconds, state.z());
        line.put("training_run_equivalents", e.gradientEvaluations() / spec.training().steps());
        line.put("result_bytes", shipped.resultBytes());
        line.put("broadcast_bytes", shipped.broadcastBytes());
        line.put("driver_seconds", seconds - shipped.sparkSeconds());
        history.add(line);
        state = new MgdState(done ? t : t + 1, next, optimizerState, best, bestScore, bestStep, history,
                state.spec() != null ? state.spec() : SavedSpec.of(spec));
        save(state);
        if (!quiet) {
            System.err.println(progress(history.get(history.size() - 1)));
        }
        if (done && lock != null) {
            // From here on state.json keeps other runs out of this directory.
            lock.release();
            lock = null;
        }
        return state;
    }

    /**
     * A NaN in the metagradient would pass through Adam's moments and the projections into every
     * later meta-step (the signed rule alone would hide it as a zero sign): stop at the step it
     * appears, with state.json still holding that step's start.
     */
    static void requireFinite(double[] g, int t) {
        int bad = 0;
        int first = -1;
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(g[i])) {
                bad++;
                first = first < 0 ? i : first;
            }
        }
        if (bad > 0) {
            throw new MgdException("meta-step " + t + ": the metagradient has " + bad + " of " + g.length
                    + " entries that are not finite (the first at index " + first + "): the reverse pass overflowed."
                    + " Lower training.optimizer.lr or the meta-optimizer's step and start again"
                    + (t == 0 ? "" : " in another --out (this one keeps meta-steps 0 to " + (t - 1) + ")"));
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

    private Map<String, Object> metrics(int t, SeedSum.Part e, double stepNorm, double seconds, Metaparameters z) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("step", t);
        f.put("objective", e.objective());
        f.put("validation_objective", finite(e.validationObjective()));
        f.put("validation_accuracy", finite(e.validationAccuracy()));
        f.put("test_accuracy", e.testAccuracy());
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
}
