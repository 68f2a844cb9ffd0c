package org.mgd.driver.commands;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.mgd.common.MgdException;
import org.mgd.common.io.HadoopFiles;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.DataSpec;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecLoader;
import org.mgd.driver.cli.CommandLine;
import org.mgd.driver.cli.UsageException;
import org.mgd.driver.report.JsonReport;
import org.mgd.driver.report.plot.Chart;
import org.mgd.driver.spark.SparkSession;
import org.mgd.worker.smooth.Menu;
import org.mgd.worker.smooth.ParameterRun;
import org.mgd.worker.smooth.Probe;
import org.mgd.worker.task.Task;

/**
 * {@code mgd smoothness SPEC [--directions N] [--seeds S] [--h H] [--search [--menu FILE]
 * [--out-spec FILE] [--plot FILE]]}: the paper's metasmoothness score Ŝ (three trainings at z,
 * z+hv, z+2hv; movement-weighted sign agreement of the parameters), averaged over N random directions × S
 * batch-order seeds, with its spread. {@code --search} scores every setup of a menu of
 * interventions (default: {@link Menu#defaults}) the same way and writes the best as a spec;
 * {@code --plot} draws the setups as a PNG scatter of Ŝ against test accuracy.
 * Every training is one {@link Task}, and all of them, of all setups, run as one Spark job.
 */
public final class SmoothnessCommand {
    private SmoothnessCommand() {}

    static final int DEFAULT_DIRECTIONS = 3;
    static final String DEFAULT_BEST_SPEC = "best-spec.yaml";
    public static final int PLOT_WIDTH = 900;
    public static final int PLOT_HEIGHT = 600;

    /** One scored setup. */
    record Row(String name, List<String> overrides, JobSpec spec, Probe probe, Probe.Estimate estimate) {}

    public static int run(CommandLine cli) {
        cli.allowOnly("meta", "out", "master", "directions", "seeds", "h", "search", "menu", "out-spec", "plot");
        boolean search = cli.flag("search");
        if (!search) {
            for (String o : List.of("menu", "out-spec", "plot")) {
                if (cli.options().containsKey(o)) {
                    throw new UsageException("--" + o + " goes with --search");
                }
            }
        }
        int directions = cli.intOption("directions", DEFAULT_DIRECTIONS, 1);
        int seeds = cli.intOption("seeds", 1, 1);
        String location = cli.spec();
        String text = HadoopFiles.readString(location);
        JobSpec base = SpecLoader.parse(text, location, cli.sets());
        Metaparameters given = Inputs.meta(cli);

        Map<DataSpec, Metaparameters> plain = new HashMap<>();
        java.util.function.Function<JobSpec, Metaparameters> pointOf = s -> given != null ? given
                : plain.computeIfAbsent(s.data(), d -> Probe.plainTraining(s));
        Menu menu;
        if (!search) {
            menu = Menu.of(List.of());
        } else if (cli.options().containsKey("menu")) {
            menu = Menu.read(cli.options().get("menu"));
        } else {
            menu = Menu.defaults(base, pointOf.apply(base).size());
        }
        Menu.Resolved resolved = menu.resolve(text, location, cli.sets());

        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Double h = null;
        for (Menu.Variant v : resolved.variants()) {
            try {
                Metaparameters z = pointOf.apply(v.spec());
                double step = cli.doubleOption("h", Probe.defaultStep(z));
                h = h == null ? step : h;
                Probe probe = Probe.random(v.spec(), z, step, directions, seeds, base.training().seed() + 1);
                probe.preflight();
                rows.add(new Row(v.name(), v.overrides(), v.spec(), probe, null));
            } catch (MgdException e) {
                problems.add((search ? "setup '" + v.name() + "' " + v.overrides() + ": " : "") + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new MgdException(String.join("\n", problems) + (search ? "\n(nothing was trained)" : ""));
        }

        List<Task> tasks = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Row r : rows) {
            tasks.addAll(r.probe().tasks());
            for (String l : r.probe().labels()) {
                labels.add(search ? r.name() + ": " + l : l);
            }
        }
        if (!cli.quiet()) {
            System.err.printf("smoothness: %d training runs (%s%d direction%s x %d seed%s, h = %s)...%n", tasks.size(),
                    search ? rows.size() + " setups x " : "", directions, directions == 1 ? "" : "s", seeds,
                    seeds == 1 ? "" : "s", h);
        }
        long start = System.nanoTime();
        List<ParameterRun.Outcome> outcomes = runAll(tasks, labels, base.name(), cli);
        double wall = (System.nanoTime() - start) / 1e9;

        List<Row> scored = new ArrayList<>();
        int next = 0;
        for (Row r : rows) {
            int n = r.probe().tasks().size();
            scored.add(new Row(r.name(), r.overrides(), r.spec(), r.probe(),
                    r.probe().estimate(outcomes.subList(next, next + n))));
            next += n;
        }
        scored.sort(BEST_FIRST);

        printTable(scored, search);
        Row best = scored.get(0);
        String bestSpec = null;
        if (search && best.estimate().ok()) {
            bestSpec = writeBestSpec(text, location, cli, best);
        }
        if (search) {
            for (Menu.Skipped s : resolved.skipped()) {
                System.out.println("skipped " + s.name() + ": " + s.reason());
            }
        }
        if (best.estimate().ok()) {
            Row second = scored.size() > 1 ? scored.get(1) : null;
            if (search) {
                System.out.printf("best: %s (Ŝ = %.4f)%s%n", best.name(), best.estimate().summary().mean(),
                        bestSpec == null ? "" : "; wrote its spec to " + bestSpec);
            } else {
                var s = best.estimate().summary();
                System.out.printf("%s: metasmoothness Ŝ = %.4f ± %.4f (min %.4f, max %.4f) over %d direction%s x %d"
                                + " seed%s at h = %s; test accuracy %.1f%%; %d runs in %.1fs%n", base.name(), s.mean(),
                        s.std(), s.min(), s.max(), directions, directions == 1 ? "" : "s", seeds, seeds == 1 ? "" : "s",
                        h, 100 * best.estimate().testAccuracy(), tasks.size(), wall);
            }
            if (second != null && second.estimate().ok() && BEST_FIRST.compare(best, second) != 0
                    && Math.round(best.estimate().summary().mean() * 1e4)
                    == Math.round(second.estimate().summary().mean() * 1e4)) {
                System.out.printf("note: the top setups score the same to 4 decimals at h = %s (ties go to test"
                        + " accuracy): they are smooth at this scale; a larger --h tells them apart%n", h);
            }
        } else {
            System.out.println((search ? "every setup diverged" : "training diverged")
                    + ": nothing to score (try a smaller training.optimizer.lr)");
        }
        String plot = cli.options().get("plot");
        if (plot != null) {
            writePlot(plot, base.name(), h, directions, seeds, scored, cli.quiet());
        }
        if (cli.out() != null) {
            JsonReport.emit(fields(base, given, h, directions, seeds, search, scored, resolved.skipped(), bestSpec, wall),
                    cli.out());
            if (!cli.quiet()) {
                System.err.println("smoothness: wrote " + cli.out());
            }
        }
        return best.estimate().ok() ? 0 : 1;
    }

    /**
     * Scored setups first, by mean Ŝ as printed (4 decimals; higher first), then by test
     * accuracy; diverged ones last.
     */
    static final Comparator<Row> BEST_FIRST = Comparator
            .comparing((Row r) -> !r.estimate().ok())
            .thenComparing((Row r) -> r.estimate().ok() ? -Math.round(r.estimate().summary().mean() * 1e4) : 0L)
            .thenComparing((Row r) -> r.estimate().ok() ? -r.estimate().testAccuracy() : 0.0);

    /** All trainings as one Spark job (one task each), with a progress line per finished run. */
    private static List<ParameterRun.Outcome> runAll(List<Task> tasks, List<String> labels, String name,
                                                     CommandLine cli) {
        // Its own line per finished run names the run: the session's generic count would repeat it.
        try (SparkSession spark = SparkSession.start("mgd smoothness " + name, cli.master(), false)) {
            AtomicInteger done = new AtomicInteger();
            if (!cli.quiet()) {
                spark.context().sc().addSparkListener(new SparkListener() {
                    @Override
                    public void onTaskEnd(SparkListenerTaskEnd end) {
                        int i = (int) end.taskInfo().index();
                        if (end.taskInfo().successful() && i >= 0 && i < labels.size()) {
                            System.err.printf("smoothness: [%d/%d] %s (%.1fs)%n", done.incrementAndGet(),
                                    labels.size(), labels.get(i), end.taskInfo().duration() / 1e3);
                        }
                    }
                });
            }
            return spark.each("smoothness runs", tasks, ParameterRun::run);
        }
    }

    private static void printTable(List<Row> rows, boolean search) {
        int width = Math.max(12, rows.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        System.out.printf("%-" + width + "s  %-17s %8s %8s %9s %8s%n", "setup", "Ŝ mean ± std", "min", "max",
                "test acc", "seconds");
        for (Row r : rows) {
            Probe.Estimate e = r.estimate();
            if (e.ok()) {
                var s = e.summary();
                System.out.printf("%-" + width + "s  %.4f ± %.4f   %8.4f %8.4f %8.1f%% %8.1f%n", r.name(), s.mean(), s.std(),
                        s.min(), s.max(), 100 * e.testAccuracy(), e.seconds());
            } else {
                System.out.printf("%-" + width + "s  diverged (%s)%n", r.name(), e.diverged());
            }
        }
        if (search) {
            System.out.println();
        }
    }

    /**
     * Writes the best setup as a spec: the base spec's text with the user's --set overrides and
     * the setup's applied, checked to load back as exactly the setup that was scored.
     */
    private static String writeBestSpec(String text, String location, CommandLine cli, Row best) {
        String target = cli.options().get("out-spec");
        if (target == null) {
            String out = cli.out();
            target = out == null || out.lastIndexOf('/') < 0 ? DEFAULT_BEST_SPEC
                    : out.substring(0, out.lastIndexOf('/') + 1) + DEFAULT_BEST_SPEC;
        }
        List<String> all = new ArrayList<>(cli.sets());
        all.addAll(best.overrides());
        String yaml = "# The most metasmooth setup found by: mgd smoothness " + location + " --search\n"
                + "# setup '" + best.name() + "'" + (all.isEmpty() ? "" : ": " + String.join(", ", all)) + "\n"
                + SpecLoader.applyOverrides(text, all);
        JobSpec reloaded = SpecLoader.parse(yaml, target, List.of());
        if (!reloaded.equals(best.spec())) {
            throw new MgdException("internal: the written spec does not load back as setup '" + best.name() + "'");
        }
        HadoopFiles.writeString(target, yaml);
        return target;
    }

    /**
     * The search as a PNG: each scored setup's mean Ŝ (y) against its test accuracy (x), labelled
     * with its name, and the min–max of its scores over directions × seeds as a vertical whisker.
     * Diverged setups have neither and are left out (the table names them).
     */
    static void writePlot(String location, String name, double h, int directions, int seeds, List<Row> rows,
                          boolean quiet) {
        Chart chart = plot(name, h, directions, seeds, rows);
        if (chart == null) {
            System.err.println("smoothness: no plot: every setup diverged");
            return;
        }
        HadoopFiles.writeAtomically(location, chart.png(PLOT_WIDTH, PLOT_HEIGHT));
        if (!quiet) {
            System.err.println("smoothness: wrote " + location);
        }
    }

    /** The chart {@link #writePlot} draws, or null when no setup was scored. */
    static Chart plot(String name, double h, int directions, int seeds, List<Row> rows) {
        List<Row> ok = rows.stream().filter(r -> r.estimate().ok()).toList();
        if (ok.isEmpty()) {
            return null;
        }
        int n = ok.size();
        double[] accuracy = new double[n];
        double[] mean = new double[n];
        List<String> names = new ArrayList<>();
        // Whiskers: one two-point segment per setup, NaN between them so they are not joined.
        double[] wx = new double[3 * n];
        double[] wy = new double[3 * n];
        for (int i = 0; i < n; i++) {
            Probe.Estimate e = ok.get(i).estimate();
            accuracy[i] = 100 * e.testAccuracy();
            mean[i] = e.summary().mean();
            names.add(ok.get(i).name());
            wx[3 * i] = accuracy[i];
            wx[3 * i + 1] = accuracy[i];
            wx[3 * i + 2] = Double.NaN;
            wy[3 * i] = e.summary().min();
            wy[3 * i + 1] = e.summary().max();
            wy[3 * i + 2] = Double.NaN;
        }
        int scores = directions * seeds;
        String runs = directions + " direction" + (directions == 1 ? "" : "s")
                + (seeds == 1 ? "" : " x " + seeds + " seeds");
        Chart.Builder b = Chart.builder(String.format(Locale.ROOT, "%s: metasmoothness vs test accuracy (h = %.3g, %s)",
                        name, h, runs))
                .xLabel("test accuracy (%)")
                .yLabel("metasmoothness Ŝ");
        if (scores > 1) {
            b.line(wx, wy, "min–max over " + scores + " scores");
        }
        return b.scatter(accuracy, mean, "mean Ŝ per setup", names).build();
    }

    /** The JSON document (a public interface: fields are added, never renamed). */
    static Map<String, Object> fields(JobSpec base, Metaparameters given, double h, int directions, int seeds,
                                      boolean search, List<Row> rows, List<Menu.Skipped> skipped, String bestSpec,
                                      double wall) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", base.name());
        f.put("metaparameter", given == null ? "data_weights" : given.kind().key());
        f.put("h", h);
        f.put("directions", directions);
        f.put("seeds", seeds);
        f.put("search", search);
        List<Map<String, Object>> setups = new ArrayList<>();
        for (Row r : rows) {
            Probe.Estimate e = r.estimate();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", r.name());
            s.put("overrides", r.overrides());
            s.put("score_mean", e.ok() ? e.summary().mean() : null);
            s.put("score_std", e.ok() ? e.summary().std() : null);
            s.put("score_min", e.ok() ? e.summary().min() : null);
            s.put("score_max", e.ok() ? e.summary().max() : null);
            s.put("scores", e.scores());
            s.put("test_accuracy", e.ok() ? e.testAccuracy() : null);
            s.put("runs", r.probe().tasks().size());
            s.put("seconds", e.seconds());
            s.put("diverged", e.diverged());
            setups.add(s);
        }
        f.put("setups", setups);
        List<Map<String, String>> skips = new ArrayList<>();
        for (Menu.Skipped s : skipped) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("reason", s.reason());
            skips.add(m);
        }
        f.put("skipped", skips);
        f.put("best", rows.get(0).estimate().ok() ? rows.get(0).name() : null);
        f.put("best_spec", bestSpec);
        f.put("seconds", wall);
        return f;
    }
}
