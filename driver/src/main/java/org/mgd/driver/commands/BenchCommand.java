package org.mgd.driver.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecLoader;
import org.mgd.driver.cli.CommandLine;
import org.mgd.driver.cli.UsageException;
import org.mgd.driver.report.JsonReport;
import org.mgd.worker.metagrad.Metagradient;
import org.mgd.worker.task.Setup;
import org.mgd.worker.train.StepListener;

/**
 * {@code mgd bench replay SPEC [--steps 100,1000,4000]}: what a metagradient costs next to one
 * training run, measured in this one process on the same spec, for several replay schedules
 * and run lengths. Prints a Markdown table (the format of docs/benchmarks.md).
 * {@code mgd bench spark SPEC}: see {@link SparkBench}.
 */
public final class BenchCommand {
    private BenchCommand() {}

    public static int run(CommandLine cli) {
        String what = cli.arguments().isEmpty() ? "" : cli.arguments().get(0);
        if (what.equals("spark")) {
            return SparkBench.run(cli);
        }
        cli.allowOnly("steps", "out");
        if (!what.equals("replay")) {
            throw new UsageException("unknown benchmark '" + what + "' (known: replay, spark)");
        }
        String specPath = cli.argument(1, 2);
        List<Integer> lengths = new ArrayList<>();
        for (String s : cli.options().getOrDefault("steps", "100,1000,4000").split(",")) {
            try {
                lengths.add(Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                throw new UsageException("--steps expects integers separated by commas, got '" + s + "'");
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        warmUp(specPath, cli.sets());
        System.out.println("| T | schedule | metagrad s | train s | ratio | forward steps | replayed | gradient evals | peak states |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (int steps : lengths) {
            JobSpec spec = load(specPath, cli.sets(), "training.steps=" + steps);
            double train = trainSeconds(spec);
            int root = (int) Math.ceil(Math.sqrt(steps));
            List<String> schedules = new ArrayList<>(List.of("{k: 2}", "{k: " + root + "}", "{k: " + 2 * root + "}",
                    "{schedule: revolve, slots: " + root + "}", "{schedule: revolve, slots: " + 2 * root + "}"));
            if (steps <= 1000) {
                schedules.add("{k: " + steps + "}");
            }
            for (String replay : schedules) {
                JobSpec s = load(specPath, cli.sets(), "training.steps=" + steps, "replay=" + replay);
                Metagradient.Result m = Metagradient.compute(Setup.prepare(s, null, s.training().seed()), null,
                        StepListener.NONE);
                Map<String, Object> row = new LinkedHashMap<>(MetagradCommand.stats(s, m, train));
                rows.add(row);
                System.out.printf("| %d | %s | %.2f | %.2f | %.2f | %d | %d | %d | %d |%n", steps, m.schedule(),
                        m.seconds(), train, m.seconds() / train, m.stats().forwardSteps(),
                        m.stats().forwardSteps() - steps, m.stats().gradientEvaluations(), m.stats().peakLiveStates());
            }
        }
        if (cli.out() != null) {
            JsonReport.emit(Map.of("replay", rows), cli.out());
        }
        return 0;
    }

    private static JobSpec load(String path, List<String> sets, String... more) {
        List<String> all = new ArrayList<>(sets);
        all.addAll(List.of(more));
        return SpecLoader.load(path, all);
    }

    /** JIT and native libraries warm, so the first measured run is not the slow one. */
    private static void warmUp(String path, List<String> sets) {
        JobSpec s = load(path, sets, "training.steps=50");
        Metagradient.compute(Setup.prepare(s, null, s.training().seed()), null, StepListener.NONE);
        trainSeconds(s);
    }

    /** The faster of two plain training runs of the spec (data loading and set-up excluded). */
    static double trainSeconds(JobSpec spec) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 2; i++) {
            Setup setup = Setup.prepare(spec, null, spec.training().seed());
            long t0 = System.nanoTime();
            setup.training().run(StepListener.NONE);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }
}
