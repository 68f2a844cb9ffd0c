package org.mgd.driver.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mgd.common.io.HadoopFiles;
import org.mgd.driver.cli.CommandLine;
import org.mgd.driver.cli.UsageException;
import org.mgd.driver.report.JsonReport;
import org.mgd.driver.spark.SparkSession;
import org.mgd.driver.sweep.ResultsTable;
import org.mgd.driver.sweep.Sweep;
import org.mgd.driver.sweep.SweepRunner;

/**
 * {@code mgd sweep SWEEP.yaml [--out DIR] [--parallel N] [--set k=v]}: every configuration of a
 * grid over spec keys, in one Spark application, into one results table.
 */
public final class SweepCommand {
    private SweepCommand() {}

    public static int run(CommandLine cli) {
        cli.allowOnly("out", "master", "parallel");
        Sweep sweep = Sweep.load(cli.spec());
        List<Sweep.Configuration> configurations = sweep.configurations(cli.sets());
        int parallel = cli.intOption("parallel", configurations.size(), 1);
        String out = cli.out() != null ? cli.out() : "runs/sweep-" + HadoopFiles.fileName(sweep.location())
                .replaceAll("\\.ya?ml$", "");
        HadoopFiles.checkWritableDirectory(out);
        if (HadoopFiles.exists(out + "/results.csv")) {
            throw new UsageException(out + " already holds a sweep's results: choose another --out");
        }
        if (!cli.quiet()) {
            System.err.printf("mgd sweep: %d configurations (%s) of %s%n", configurations.size(),
                    sweep.mode().name().toLowerCase(), sweep.specLocation());
        }
        long t0 = System.nanoTime();
        List<Map<String, Object>> rows;
        try (SparkSession spark = SparkSession.start("mgd sweep " + sweep.location(), cli.master(), !cli.quiet())) {
            rows = new SweepRunner(spark, out, cli.quiet()).run(sweep, configurations, parallel);
            ResultsTable.write(spark, rows, out);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("sweep", sweep.location());
        summary.put("spec", sweep.specLocation());
        summary.put("run", sweep.mode().name().toLowerCase());
        summary.put("configurations", rows.size());
        summary.put("results_csv", out + "/results.csv");
        summary.put("results_parquet", out + "/results.parquet");
        summary.put("seconds", (System.nanoTime() - t0) / 1e9);
        summary.put("rows", rows);
        HadoopFiles.writeString(out + "/sweep.json", JsonReport.toJson(summary));
        if (!cli.quiet()) {
            System.err.print(ResultsTable.csv(new java.util.ArrayList<>(rows.get(0).keySet()), rows));
            System.err.println("wrote " + out + "/results.csv and results.parquet");
        }
        return 0;
    }
}
