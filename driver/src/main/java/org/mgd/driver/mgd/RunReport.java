package org.mgd.driver.mgd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mgd.common.data.Dataset;
import org.mgd.common.data.Splits;
import org.mgd.common.io.HadoopFiles;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.driver.report.plot.Chart;
import org.mgd.driver.report.plot.HtmlReport;
import org.mgd.driver.report.plot.ImageGrid;

/**
 * The self-contained HTML report of an MGD run: how the objective moved per meta-step, what the
 * result is worth against the baselines, and what MGD made (the schedule curve, the poisons).
 * Each figure is also its own PNG beside it ({@code objective.png}, {@code test-accuracy.png},
 * {@code baselines.png}, {@code schedule.png} or {@code poisons.png}), for slides and for scripts.
 */
final class RunReport {
    private RunReport() {}

    /** Writes {@code out/report.html} and its figures; returns the result.json fields naming them. */
    static Map<String, Object> write(String out, JobSpec spec, MgdState end, Metaparameters start,
                                     Comparison.Outcome comparison, Map<String, Object> summary) {
        Map<String, Object> figures = new LinkedHashMap<>();
        List<Comparison.Row> rows = comparison.rows();
        HtmlReport report = new HtmlReport("MGD " + spec.mgd().task().name().toLowerCase() + ": " + spec.name());
        report.paragraph("Metagradient descent on " + spec.name() + ": " + spec.mgd().steps() + " meta-steps, "
                + spec.mgd().seeds() + " training seed(s) per meta-step; " + (spec.mgd().earlyStopping()
                        ? "the validation split (the target without one) picks the best meta-step"
                        : "the result is the last meta-step (mgd.early_stopping: false)")
                + "; the comparison retrains every candidate from scratch with " + Comparison.SEEDS
                + " training seeds MGD never saw.");
        report.keyValues(summary);

        int n = end.history().size();
        double[] steps = new double[n];
        double[] objective = new double[n];
        double[] validation = new double[n];
        double[] test = new double[n];
        for (int t = 0; t < n; t++) {
            Map<String, Object> line = end.history().get(t);
            steps[t] = t;
            objective[t] = ((Number) line.get("objective")).doubleValue();
            Object v = line.get("validation_objective");
            validation[t] = v == null ? Double.NaN : ((Number) v).doubleValue();
            test[t] = ((Number) line.get("test_accuracy")).doubleValue();
        }
        Chart.Builder progress = Chart.builder("Objective per meta-step (" + spec.objective().key() + ", lower is better)")
                .xLabel("meta-step").yLabel(spec.objective().key()).line(steps, objective, "target");
        if (!Double.isNaN(validation[0])) {
            progress.line(steps, validation, "validation");
        }
        report.figure(figure(out, "objective", progress.build().png(900, 500), figures),
                "The objective at the point evaluated at each meta-step.");
        report.figure(figure(out, "test-accuracy", Chart.builder("Test accuracy per meta-step").xLabel("meta-step")
                .yLabel("test accuracy").line(steps, test, "test (never optimised on)").build().png(900, 400), figures),
                "Reported only.");

        List<String> names = new ArrayList<>();
        double[] accuracy = new double[rows.size()];
        double[] std = new double[rows.size()];
        List<List<Object>> table = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Comparison.Row r = rows.get(i);
            names.add(r.name());
            accuracy[i] = r.testAccuracy();
            std[i] = r.testAccuracyStd();
            table.add(List.of(r.name(), r.objective(), r.testAccuracy(), r.testAccuracyStd(), r.runs(),
                    r.mgdSeedTestAccuracy()));
        }
        report.heading("Against the baselines");
        report.table(List.of("candidate", "target " + spec.objective().key(), "test accuracy", "± std", "runs",
                "test accuracy, MGD's training seed"), table);
        report.figure(figure(out, "baselines", Chart.builder("Test accuracy, retrained with unseen seeds")
                .yLabel("test accuracy").bars(names, accuracy, std, "mean ± std", percentages(accuracy)).build()
                .png(900, 500), figures),
                "Each candidate retrained from scratch.");

        switch (spec.mgd().task()) {
            case SCHEDULE -> report.figure(figure(out, "schedule", schedule(spec, start, end.best(),
                    comparison.gridBest()), figures), "The learning rate of every training step: MGD's, where it started, and the grid's best one-cycle schedule.");
            case POISON -> report.figure(figure(out, "poisons", poisons(spec, start, end.best()), figures),
                    "Clean training images (top) and what MGD"
                    + " made of them (bottom); labels unchanged.");
            case SELECT -> { }
        }
        HadoopFiles.writeString(out + "/report.html", report.html());
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("report", out + "/report.html");
        files.put("figures", figures);
        return files;
    }

    private static List<String> percentages(double[] fractions) {
        List<String> labels = new ArrayList<>();
        for (double f : fractions) {
            labels.add(String.format("%.2f%%", 100 * f));
        }
        return labels;
    }

    private static byte[] figure(String out, String name, byte[] png, Map<String, Object> figures) {
        String location = out + "/" + name + ".png";
        HadoopFiles.writeAtomically(location, png);
        figures.put(name, location);
        return png;
    }

    private static byte[] schedule(JobSpec spec, Metaparameters start, Metaparameters best, JobSpec gridBest) {
        int steps = spec.training().steps();
        double[] x = new double[steps];
        for (int t = 0; t < steps; t++) {
            x[t] = t;
        }
        Chart.Builder chart = Chart.builder("Learning-rate schedule").xLabel("training step").yLabel("learning rate")
                .line(x, Exports.learningRates(spec, best), "learned by MGD");
        if (gridBest != null) {
            chart.line(x, Exports.learningRates(gridBest, null), "grid's best one-cycle");
        }
        String startLabel = start.equals(StartingPoint.of(spec, null)) ? "flat start" : "MGD's start (given with --meta)";
        return chart.line(x, Exports.learningRates(spec, start), startLabel).build().png(900, 450);
    }

    private static byte[] poisons(JobSpec spec, Metaparameters clean, Metaparameters poisoned) {
        Dataset train = Splits.load(spec.data()).train();
        int[] shape = train.shape();
        int h = shape.length == 3 ? shape[1] : 1;
        int w = shape.length == 3 ? shape[2] : train.featureCount();
        int d = train.featureCount();
        int count = Math.min(10, clean.indices().length);
        List<double[]> before = new ArrayList<>();
        List<double[]> after = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            before.add(java.util.Arrays.copyOfRange(clean.values(), k * d, k * d + h * w));
            after.add(java.util.Arrays.copyOfRange(poisoned.values(), k * d, k * d + h * w));
        }
        return new ImageGrid(h, w).scale(Math.max(2, 84 / Math.max(h, w))).row("clean", before)
                .row("poisoned", after).png();
    }
}
