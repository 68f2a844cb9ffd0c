package org.mgd.driver.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.mgd.common.data.PoolSlices;
import org.mgd.common.io.HadoopFiles;
import org.mgd.common.spec.JobSpec;
import org.mgd.driver.cli.CommandLine;
import org.mgd.driver.report.JsonReport;
import org.mgd.driver.spark.PoolScoringJob;
import org.mgd.driver.spark.SparkSession;

/**
 * {@code mgd score SPEC [--pool SOURCE] [--at-step T] [--partitions P] [--out DIR]}: every candidate
 * example's metagradient for a weight injected at training step T (see InjectionPoint), over the
 * pool's partitions. Negative scores lower the objective: those examples help.
 */
public final class ScoreCommand {
    private ScoreCommand() {}

    public static int run(CommandLine cli) {
        cli.allowOnly("out", "master", "pool", "at-step", "partitions");
        JobSpec spec = Inputs.spec(cli);
        int steps = spec.training().steps();
        int step = cli.intOption("at-step", steps - 1, 0);
        if (step >= steps) {
            throw new org.mgd.driver.cli.UsageException("--at-step must be a training step, 0.." + (steps - 1) + ", got " + step);
        }
        String source = cli.options().getOrDefault("pool", PoolSlices.TRAIN);
        String out = cli.out() != null ? cli.out() : defaultOut(source, spec);
        HadoopFiles.checkWritableDirectory(out);
        PoolSlices pool = PoolSlices.of(source, spec.data());
        long t0 = System.nanoTime();
        PoolScoringJob.Outcome o;
        try (SparkSession spark = SparkSession.start("mgd score " + spec.name(), cli.master(), !cli.quiet())) {
            int partitions = cli.intOption("partitions", Math.max(2, spark.context().defaultParallelism()), 1);
            if (!cli.quiet()) {
                System.err.printf("mgd score: %d candidates of %s in %d partitions, injected at step %d of %d%n",
                        pool.size(), source, partitions, step, steps);
            }
            o = PoolScoringJob.run(spark, spec, step, pool, partitions, out);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", spec.name());
        f.put("pool", source);
        f.put("pool_size", o.poolSize());
        f.put("partitions", o.partitions());
        f.put("step", step);
        f.put("objective", o.point().objective());
        f.put("scores_parquet", out + "/scores.parquet");
        f.put("scores_csv", out + "/scores.csv");
        f.put("most_helpful", rows(o.mostHelpful()));
        f.put("most_harmful", rows(o.mostHarmful()));
        f.put("broadcast_bytes", o.broadcastBytes());
        f.put("seconds", (System.nanoTime() - t0) / 1e9);
        HadoopFiles.writeString(out + "/score.json", JsonReport.toJson(f));
        if (!cli.quiet()) {
            System.err.printf("scored %d examples in %.1fs; most helpful: %s; wrote %s/scores.{parquet,csv}%n",
                    o.poolSize(), (Double) f.get("seconds"), o.mostHelpful().isEmpty() ? "-" : o.mostHelpful().get(0), out);
        }
        return 0;
    }

    private static String defaultOut(String source, JobSpec spec) {
        // Beside the pool when it is a file of its own; under runs/ for the spec's training split.
        if (source.startsWith("idx:")) {
            return source.substring("idx:".length()) + "-scores";
        }
        return "runs/score-" + spec.name();
    }

    private static List<Map<String, Object>> rows(List<Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", r.getLong(0));
            m.put("label", r.getInt(1));
            m.put("score", r.getDouble(2));
            out.add(m);
        }
        return out;
    }
}
