package org.mgd.driver.mgd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mgd.common.data.Splits;
import org.mgd.common.io.HadoopFiles;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.MgdSpec;
import org.mgd.driver.report.JsonReport;
import org.mgd.driver.spark.SparkSession;

/**
 * A whole MGD job as {@code ./mgd run} does it: the loop (fresh or resumed), then the comparison
 * with the baselines, then {@code result.json}, {@code best-metaparameters.json}, what MGD made
 * in portable form ({@link Exports}: selection ids, poisons as IDX) and {@code report.html} in
 * the output directory.
 */
public final class MgdJob {
    private MgdJob() {}

    /** Runs the job; returns the fields of result.json. */
    public static Map<String, Object> run(JobSpec spec, SparkSession spark, String out, boolean resume, boolean quiet) {
        return run(spec, spark, out, resume, null, quiet);
    }

    /** {@link #run(JobSpec, SparkSession, String, boolean, boolean)} from {@code given} (./mgd run --meta; null: the task's own start). */
    public static Map<String, Object> run(JobSpec spec, SparkSession spark, String out, boolean resume,
                                          Metaparameters given, boolean quiet) {
        MgdLoop loop = new MgdLoop(spec, spark, out, quiet);
        MgdState end = loop.run(loop.start(resume, given));
        // Runs saved before start-metaparameters.json existed started where StartingPoint puts them.
        Metaparameters start = HadoopFiles.exists(MgdLoop.startPath(out)) ? Metaparameters.read(MgdLoop.startPath(out))
                : StartingPoint.of(spec, Splits.load(spec.data()).train());
        end.best().write(out + "/best-metaparameters.json");
        if (!quiet) {
            System.err.println("mgd: retraining MGD's result and the baselines with unseen seeds...");
        }
        Comparison.Outcome comparison = Comparison.run(spec, spark, start, end.best());
        List<Comparison.Row> rows = comparison.rows();
        Map<String, Object> first = end.history().get(0);
        Map<String, Object> bestLine = end.history().get(end.bestStep());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", spec.name());
        f.put("task", spec.mgd().task().name().toLowerCase());
        f.put("meta_steps", spec.mgd().steps());
        f.put("start_objective", first.get("objective"));
        f.put("final_objective", end.history().get(end.history().size() - 1).get("objective"));
        f.put("best_step", end.bestStep());
        f.put("best_objective", bestLine.get("objective"));
        f.put("best_validation_objective", bestLine.get("validation_objective"));
        f.put("start_test_accuracy", first.get("test_accuracy"));
        f.put("best_test_accuracy", bestLine.get("test_accuracy"));
        f.put("best_metaparameters", out + "/best-metaparameters.json");
        f.putAll(Exports.write(spec, end.best(), comparison.gridBest(), out));
        // Gradient evaluations / T, summed over the meta-steps: MGD's compute in training runs.
        f.put("training_run_equivalents", end.history().stream()
                .mapToDouble(m -> ((Number) m.getOrDefault("training_run_equivalents", 0)).doubleValue()).sum());
        if (spec.mgd().task() == MgdSpec.Task.SCHEDULE) {
            // The rival's compute in the same unit: one training run per grid configuration.
            f.put("grid_training_runs", OneCycleGrid.CONFIGURATIONS);
        }
        f.putAll(RunReport.write(out, spec, end, start, comparison, new LinkedHashMap<>(f)));
        f.put("comparison", rows.stream().map(r -> withCandidateFile(r, comparison, out)).toList());
        JsonReport.emit(f, out + "/result.json");
        return f;
    }

    /**
     * A comparison row, with the path of its candidate's metaparameters written to
     * {@code candidates/} (null where the candidate changes the spec instead): a baseline's subset
     * or poisons to retrain at ({@code ./mgd train --meta}) or to start MGD from ({@code ./mgd run --meta}).
     */
    private static Map<String, Object> withCandidateFile(Comparison.Row row, Comparison.Outcome comparison, String out) {
        Map<String, Object> f = row.json();
        Metaparameters z = comparison.metaparameters().get(row.name());
        String location = null;
        if (z != null) {
            location = out + "/candidates/" + slug(row.name()) + ".json";
            z.write(location);
        }
        f.put("metaparameters", location);
        return f;
    }

    /** "random subset (MGD's start)" → "random-subset-mgds-start". */
    static String slug(String name) {
        return name.toLowerCase().replace("'", "").replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
