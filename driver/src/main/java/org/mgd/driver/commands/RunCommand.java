package org.mgd.driver.commands;

import java.util.List;
import java.util.Map;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.driver.cli.CommandLine;
import org.mgd.driver.mgd.MgdJob;
import org.mgd.driver.spark.SparkSession;

/**
 * {@code mgd run SPEC [--out DIR] [--resume] [--meta START]}: metagradient descent as the spec's
 * {@code mgd:} section says, from the task's own start or from START (select, schedule). Writes
 * to DIR (default {@code runs/NAME}, any Hadoop FS): {@code start-metaparameters.json},
 * {@code state.json} after every meta-step, {@code metrics.jsonl} (a line per meta-step), and at
 * the end {@code result.json}, {@code best-metaparameters.json} (a metaparameter file:
 * {@code ./mgd train --meta} takes it), {@code selection.json} (select) or {@code poisons.json}
 * and the poisons as IDX (poison), {@code schedule.json} (schedule), and {@code report.html}.
 */
public final class RunCommand {
    private RunCommand() {}

    public static int run(CommandLine cli) {
        cli.allowOnly("out", "master", "resume", "meta");
        JobSpec spec = Inputs.spec(cli);
        Metaparameters start = Inputs.meta(cli);
        String out = cli.out() != null ? cli.out() : "runs/" + spec.name();
        Map<String, Object> result;
        try (SparkSession spark = SparkSession.start("mgd run " + spec.name(), cli.master(), !cli.quiet())) {
            result = MgdJob.run(spec, spark, out, cli.flag("resume"), start, cli.quiet());
        }
        if (!cli.quiet()) {
            System.err.printf("mgd run %s: objective %.5f -> %.5f (best at meta-step %s); results and report.html in %s%n",
                    spec.name(), (Double) result.get("start_objective"), (Double) result.get("best_objective"),
                    result.get("best_step"), out);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) result.get("comparison");
        System.out.printf("%-56s %16s %16s %14s%n", "retrained with unseen seeds", "test accuracy",
                "target " + spec.objective().key(), "on MGD's seed");
        for (Map<String, Object> r : rows) {
            System.out.printf("%-56s %8.2f%% ± %4.2f %16.5f %13.2f%%%n", r.get("name"),
                    100 * (Double) r.get("test_accuracy"), 100 * (Double) r.get("test_accuracy_std"),
                    (Double) r.get("target_objective"), 100 * (Double) r.get("mgd_seed_test_accuracy"));
        }
        return 0;
    }
}
