package org.mgd.driver.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.driver.cli.CommandLine;
import org.mgd.driver.report.JsonReport;
import org.mgd.driver.spark.SparkSession;
import org.mgd.worker.metagrad.Metagradient;
import org.mgd.worker.metagrad.ReplayStats;
import org.mgd.worker.task.MetagradientResult;
import org.mgd.worker.task.Task;

/**
 * {@code mgd metagrad SPEC [--meta FILE]}: ∂φ/∂z at z (default: data weights of 1), as a Spark
 * task, written as JSON whose {@code metagradient} has the metaparameter file's layout.
 */
public final class MetagradCommand {
    private MetagradCommand() {}

    public static int run(CommandLine cli) {
        cli.allowOnly("meta", "out", "master");
        JobSpec spec = Inputs.spec(cli);
        Metaparameters meta = Inputs.meta(cli);
        MetagradientResult r;
        try (SparkSession spark = SparkSession.start("mgd metagrad " + spec.name(), cli.master(), !cli.quiet())) {
            r = spark.metagradients(List.of(Task.of(spec, meta)),
                    Inputs.progress(cli, "metagrad " + spec.name() + " (reverse)"), true).get(0);
        }
        JsonReport.emit(fields(spec, r), cli.out());
        if (!cli.quiet()) {
            Metagradient.Result m = r.metagradient();
            System.err.printf("%s: metagradient of %s (%d values) by %s in %.1fs = %.2f x one training run (%.1fs);"
                            + " peak %d live states%s%n", spec.name(), m.gradient().kind().key(), m.gradient().size(),
                    m.schedule(), m.seconds(), m.seconds() / r.trainSeconds(), r.trainSeconds(),
                    m.stats().peakLiveStates(), cli.out() == null ? "" : "; wrote " + cli.out());
        }
        return 0;
    }

    /** The JSON fields (a public interface: add, never rename). */
    static Map<String, Object> fields(JobSpec spec, MetagradientResult r) {
        Metagradient.Result m = r.metagradient();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", spec.name());
        f.put("objective_name", spec.objective().key());
        f.put("objective", m.objective());
        f.put("metaparameter", m.gradient().kind().key());
        Map<String, Object> gradient = new LinkedHashMap<>();
        gradient.put("kind", m.gradient().kind().key());
        if (m.gradient().indices() != null) {
            gradient.put("indices", m.gradient().indices());
        }
        gradient.put("values", m.gradient().values());
        f.put("metagradient", gradient);
        f.put("stats", stats(spec, m, r.trainSeconds()));
        return f;
    }

    static Map<String, Object> stats(JobSpec spec, Metagradient.Result m, double trainSeconds) {
        ReplayStats s = m.stats();
        int steps = spec.training().steps();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("steps", steps);
        f.put("schedule", spec.replay().schedule());
        if (spec.replay().schedule().equals("revolve")) {
            f.put("slots", spec.replay().slots(steps));
        } else {
            f.put("k", spec.replay().k(steps));
        }
        f.put("peak_live_states", s.peakLiveStates());
        f.put("forward_steps", s.forwardSteps());
        f.put("replayed_steps", s.forwardSteps() - steps);
        f.put("gradient_evaluations", s.gradientEvaluations());
        f.put("seconds", m.seconds());
        f.put("train_seconds", trainSeconds);
        f.put("cost_ratio", m.seconds() / trainSeconds);
        return f;
    }
}
