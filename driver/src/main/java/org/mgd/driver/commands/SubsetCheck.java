package org.mgd.driver.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mgd.common.MgdException;
import org.mgd.common.data.Splits;
import org.mgd.common.meta.MetaKind;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.driver.cli.CommandLine;
import org.mgd.driver.cli.UsageException;
import org.mgd.driver.report.JsonReport;
import org.mgd.driver.spark.SparkSession;
import org.mgd.worker.task.Task;
import org.mgd.worker.task.TaskResult;
import org.mgd.worker.train.StepListener;

/**
 * {@code mgd check SPEC --subsets N [--fraction F]}: does the metagradient predict retraining? For
 * N random subsets of F of the training examples (default 1%), the data weights of the subset are
 * set to 0; the metagradient's first-order prediction of the change in the objective,
 * {@code −Σ_{i∈S} g_i w_i}, is set against the change measured by retraining from scratch. What
 * matters is their correlation across subsets: near 1 when training is smooth in its data
 * weights, near 0 when metagradients say nothing. {@code --min-correlation} makes it a gate.
 */
final class SubsetCheck {
    private SubsetCheck() {}

    record Row(int subset, int size, double predicted, double actual) {}

    static int run(CommandLine cli, JobSpec spec, Metaparameters given) {
        if (given != null && given.kind() != MetaKind.DATA_WEIGHTS) {
            throw new MgdException("--subsets reweights training examples: it needs data_weights, not " + given.kind().key());
        }
        int n = cli.intOption("subsets", 20, 2);
        double fraction = cli.doubleOption("fraction", 0.01);
        if (fraction >= 1) {
            throw new MgdException("--fraction must be below 1, got " + fraction);
        }
        Double gate = minCorrelation(cli.options().get("min-correlation"));
        int trainSize = Splits.load(spec.data()).train().size();
        double[] z = (given != null ? given : Metaparameters.unitWeights(trainSize)).values();
        int size = Math.max(1, (int) Math.round(fraction * trainSize));
        List<Row> rows = new ArrayList<>();
        double correlation;
        try (SparkSession spark = SparkSession.start("mgd check --subsets " + spec.name(), cli.master(), !cli.quiet())) {
            double[] g = spark.metagradients(List.of(Task.of(spec, Metaparameters.dataWeights(z))),
                    Inputs.progress(cli, "check: metagradient"), false).get(0).metagradient().gradient().values();
            List<Task> runs = new ArrayList<>();
            runs.add(Task.of(spec, Metaparameters.dataWeights(z)));
            List<int[]> subsets = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                int[] perm = Splits.permutation(trainSize, spec.training().seed() * 7919 + j + 1);
                int[] subset = java.util.Arrays.copyOf(perm, size);
                subsets.add(subset);
                double[] w = z.clone();
                for (int i : subset) {
                    w[i] = 0;
                }
                runs.add(Task.of(spec, Metaparameters.dataWeights(w)));
            }
            if (!cli.quiet()) {
                System.err.printf("check: %d whole training runs (%d subsets of %d examples)...%n", runs.size(), n, size);
            }
            List<TaskResult> results = spark.train(runs, StepListener.NONE);
            double base = results.get(0).objective();
            double[] predicted = new double[n];
            double[] actual = new double[n];
            for (int j = 0; j < n; j++) {
                for (int i : subsets.get(j)) {
                    predicted[j] -= g[i] * z[i];
                }
                actual[j] = results.get(j + 1).objective() - base;
                rows.add(new Row(j + 1, size, predicted[j], actual[j]));
            }
            correlation = pearson(predicted, actual);
        }
        System.out.printf("%-8s %22s %22s%n", "subset", "predicted change", "retrained change");
        for (Row r : rows) {
            System.out.printf("%-8d %22.10e %22.10e%n", r.subset(), r.predicted(), r.actual());
        }
        System.out.printf("correlation(predicted, retrained) over %d subsets of %d examples: %.4f%n", n, size, correlation);
        boolean ok = true;
        if (gate != null) {
            ok = correlation >= gate;
            System.out.println((ok ? "OK" : "TOO LOW") + ": correlation " + (ok ? ">= " : "< ") + gate);
        }
        if (cli.out() != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", spec.name());
            f.put("subsets", n);
            f.put("subset_size", size);
            f.put("correlation", correlation);
            f.put("rows", rows);
            JsonReport.emit(f, cli.out());
        }
        return ok ? 0 : 1;
    }

    /** The gate, read before any training so that a typo costs nothing. */
    private static Double minCorrelation(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--min-correlation expects a number, got '" + text + "'");
        }
    }

    static double pearson(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
