package org.mgd.driver.commands;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mgd.common.spec.JobSpec;
import org.mgd.driver.cli.CommandLine;
import org.mgd.driver.mgd.MgdLoop;
import org.mgd.driver.mgd.MgdState;
import org.mgd.driver.report.JsonReport;
import org.mgd.driver.spark.SparkSession;

/**
 * {@code mgd run SPEC [--out DIR] [--resume]}: metagradient descent as the spec's {@code mgd:}
 * section says. Writes to DIR (default {@code runs/NAME}): {@code state.json} after every
 * meta-step, {@code metrics.jsonl} (a line per meta-step), and at the end {@code result.json} and
 * {@code best-metaparameters.json} (a metaparameter file: {@code ./mgd train --meta} takes it).
 */
public final class RunCommand {
    private RunCommand() {}

    public static int run(CommandLine cli) {
        cli.allowOnly("out", "master", "resume");
        JobSpec spec = Inputs.spec(cli);
        String out = cli.out() != null ? cli.out() : "runs/" + spec.name();
        MgdState end;
        try (SparkSession spark = SparkSession.start("mgd run " + spec.name(), cli.master())) {
            MgdLoop loop = new MgdLoop(spec, spark, out, cli.quiet());
            end = loop.run(loop.start(cli.flag("resume")));
        }
        end.best().write(out + "/best-metaparameters.json");
        Map<String, Object> first = end.history().get(0);
        Map<String, Object> last = end.history().get(end.history().size() - 1);
        Map<String, Object> bestLine = end.history().get(end.bestStep());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", spec.name());
        f.put("task", spec.mgd().task().name().toLowerCase());
        f.put("meta_steps", spec.mgd().steps());
        f.put("start_objective", first.get("objective"));
        f.put("final_objective", last.get("objective"));
        f.put("best_step", end.bestStep());
        f.put("best_objective", bestLine.get("objective"));
        f.put("best_validation_objective", bestLine.get("validation_objective"));
        f.put("start_test_accuracy", first.get("test_accuracy"));
        f.put("best_test_accuracy", bestLine.get("test_accuracy"));
        f.put("best_metaparameters", out + "/best-metaparameters.json");
        JsonReport.emit(f, out + "/result.json");
        if (!cli.quiet()) {
            System.err.printf("mgd run %s: objective %.5f -> %.5f (best at meta-step %d); test accuracy %.4f -> %.4f;"
                            + " results in %s%n", spec.name(), (Double) first.get("objective"),
                    (Double) bestLine.get("objective"), end.bestStep(), (Double) first.get("test_accuracy"),
                    (Double) bestLine.get("test_accuracy"), out);
        }
        return 0;
    }
}
