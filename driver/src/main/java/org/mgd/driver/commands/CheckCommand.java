package org.mgd.driver.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.driver.cli.CommandLine;
import org.mgd.driver.report.JsonReport;
import org.mgd.driver.spark.SparkSession;
import org.mgd.worker.task.Task;
import org.mgd.worker.task.TaskResult;
import org.mgd.worker.train.StepListener;

/**
 * {@code mgd check SPEC [--directions N]}: the exactness check users run on their own setup. The
 * metagradient g at z is compared, along N random unit directions v and the 3 coordinates where
 * |g| is largest, with central differences of whole retrained runs,
 * {@code (φ(A(z+hv)) − φ(A(z−hv)))/2h}. The 2(N+3) trainings are independent Spark tasks.
 * Exits 1 when any direction disagrees by more than the tolerance.
 */
public final class CheckCommand {
    private CheckCommand() {}

    static final double DEFAULT_TOLERANCE = 1e-4;

    record Row(String direction, double metagradient, double finiteDifference, double relativeError) {}

    public static int run(CommandLine cli) {
        cli.allowOnly("meta", "out", "master", "directions", "tolerance", "step", "subsets", "fraction",
                "min-correlation");
        JobSpec spec = Inputs.spec(cli);
        Metaparameters given = Inputs.meta(cli);
        if (cli.options().containsKey("subsets")) {
            return SubsetCheck.run(cli, spec, given);
        }
        int n = cli.intOption("directions", 5, 1);
        double tolerance = cli.doubleOption("tolerance", DEFAULT_TOLERANCE);
        List<Row> rows = new ArrayList<>();
        double cosine;
        try (SparkSession spark = SparkSession.start("mgd check " + spec.name(), cli.master(), !cli.quiet())) {
            Metaparameters g = spark.metagradients(List.of(Task.of(spec, given)),
                    Inputs.progress(cli, "check: metagradient"), false).get(0).metagradient().gradient();
            Metaparameters z = given != null ? given : Metaparameters.unitWeights(g.size());
            double h = cli.doubleOption("step", 1e-4 * Math.max(1.0, maxAbs(z.values())));
            List<String> names = new ArrayList<>();
            List<double[]> directions = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(spec.training().seed() + 1);
            for (int d = 0; d < n; d++) {
                names.add("random " + (d + 1));
                directions.add(unitGaussian(g.size(), random));
            }
            for (int i : largest(g.values(), 3)) {
                double[] e = new double[g.size()];
                e[i] = 1;
                names.add("coordinate " + i);
                directions.add(e);
            }
            List<Task> runs = new ArrayList<>();
            for (double[] v : directions) {
                runs.add(Task.of(spec, shifted(z, v, h)));
                runs.add(Task.of(spec, shifted(z, v, -h)));
            }
            if (!cli.quiet()) {
                System.err.printf("check: %d whole training runs (step h = %.1e)...%n", runs.size(), h);
            }
            List<TaskResult> results = spark.train(runs, StepListener.NONE);
            double[] predicted = new double[directions.size()];
            double[] measured = new double[directions.size()];
            for (int d = 0; d < directions.size(); d++) {
                predicted[d] = dot(g.values(), directions.get(d));
                measured[d] = (results.get(2 * d).objective() - results.get(2 * d + 1).objective()) / (2 * h);
                double rel = Math.abs(predicted[d] - measured[d]) / Math.max(Math.abs(measured[d]), Double.MIN_NORMAL);
                rows.add(new Row(names.get(d), predicted[d], measured[d], rel));
            }
            cosine = dot(predicted, measured) / Math.sqrt(dot(predicted, predicted) * dot(measured, measured));
        }
        boolean ok = rows.stream().allMatch(r -> r.relativeError() <= tolerance);
        System.out.printf("%-16s %20s %20s %12s%n", "direction", "metagradient·v", "whole runs (FD)", "rel. error");
        for (Row r : rows) {
            System.out.printf("%-16s %20.12e %20.12e %12.2e%s%n", r.direction(), r.metagradient(),
                    r.finiteDifference(), r.relativeError(), r.relativeError() <= tolerance ? "" : "  <-- too far");
        }
        System.out.printf("cosine(metagradient, finite differences) over %d directions: %.8f%n", rows.size(), cosine);
        System.out.println((ok ? "OK" : "MISMATCH") + ": every direction within relative error " + tolerance
                + (ok ? "" : " does not hold"));
        if (cli.out() != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", spec.name());
            f.put("ok", ok);
            f.put("tolerance", tolerance);
            f.put("cosine", cosine);
            f.put("directions", rows);
            JsonReport.emit(f, cli.out());
        }
        return ok ? 0 : 1;
    }

    static Metaparameters shifted(Metaparameters z, double[] v, double h) {
        double[] x = z.values();
        for (int i = 0; i < x.length; i++) {
            x[i] += h * v[i];
        }
        return new Metaparameters(z.kind(), x, z.indices());
    }

    static double[] unitGaussian(int n, SplittableRandom r) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.sqrt(-2 * Math.log(r.nextDouble(Double.MIN_NORMAL, 1.0))) * Math.cos(2 * Math.PI * r.nextDouble());
        }
        double norm = Math.sqrt(dot(v, v));
        for (int i = 0; i < n; i++) {
            v[i] /= norm;
        }
        return v;
    }

    private static int[] largest(double[] g, int count) {
        return java.util.stream.IntStream.range(0, g.length).boxed()
                .sorted((a, b) -> Double.compare(Math.abs(g[b]), Math.abs(g[a])))
                .limit(Math.min(count, g.length)).mapToInt(Integer::intValue).toArray();
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
