package org.mgd.driver.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.driver.cli.CommandLine;
import org.mgd.driver.report.JsonReport;
import org.mgd.driver.spark.SparkSession;
import org.mgd.worker.task.Task;
import org.mgd.worker.task.TaskResult;
import org.mgd.worker.train.StepListener;

/** {@code mgd train SPEC}: one training run, as a Spark task, reported as JSON. */
public final class TrainCommand {
    private TrainCommand() {}

    public static int run(CommandLine cli) {
        cli.allowOnly("meta", "out", "master");
        JobSpec spec = Inputs.spec(cli);
        Metaparameters meta = Inputs.meta(cli);
        TaskResult result = train(spec, meta, cli);
        JsonReport.emit(fields(spec, meta, result), cli.out());
        if (!cli.quiet()) {
            System.err.println(summary(spec, result) + (cli.out() == null ? "" : "; wrote " + cli.out()));
        }
        return 0;
    }

    static TaskResult train(JobSpec spec, Metaparameters meta, CommandLine cli) {
        StepListener progress = Inputs.progress(cli, "train " + spec.name());
        try (SparkSession spark = SparkSession.start("mgd train " + spec.name(), cli.master(), !cli.quiet())) {
            return spark.train(List.of(Task.of(spec, meta)), progress).get(0);
        }
    }

    /** The JSON fields of a training result (a public interface: add, never rename). */
    static Map<String, Object> fields(JobSpec spec, Metaparameters meta, TaskResult r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", spec.name());
        f.put("objective_name", spec.objective().key());
        f.put("objective", r.objective());
        f.put("target_loss", r.target().loss());
        f.put("target_accuracy", r.target().accuracy());
        f.put("test_loss", r.test().loss());
        f.put("test_accuracy", r.test().accuracy());
        f.put("final_train_loss", r.finalTrainLoss());
        f.put("steps", r.steps());
        f.put("seed", r.seed());
        f.put("metaparameters", meta == null ? null : meta.kind().key());
        f.put("model", r.model());
        f.put("parameters", r.parameters());
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("train", r.splitSizes()[0]);
        sizes.put("target", r.splitSizes()[1]);
        sizes.put("test", r.splitSizes()[2]);
        f.put("split_sizes", sizes);
        f.put("seconds", r.seconds());
        return f;
    }

    static String summary(JobSpec spec, TaskResult r) {
        return String.format("%s: %d steps in %.1fs, %s %.4f, target accuracy %.1f%%, test accuracy %.1f%%",
                spec.name(), r.steps(), r.seconds(), spec.objective().key(), r.objective(),
                100 * r.target().accuracy(), 100 * r.test().accuracy());
    }
}
