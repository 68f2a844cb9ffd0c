package org.mgd.driver.commands;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecLoader;
import org.mgd.driver.cli.CommandLine;
import org.mgd.driver.mgd.MgdJob;
import org.mgd.driver.spark.SparkSession;

/**
 * {@code mgd demo}: the embedded example, with nothing to download: data selection by
 * metagradient descent on the bundled digits (deploy/examples/digits-select.yaml, packed into the
 * jar), where 30% of the training labels are wrong. Prints MGD against every baseline (the random
 * subset it started from first), retrained with unseen seeds, and leaves the report in runs/.
 */
public final class DemoCommand {
    private DemoCommand() {}

    static final String SPEC_RESOURCE = "/examples/digits-select.yaml";

    public static int run(CommandLine cli) {
        cli.allowOnly("master", "out");
        JobSpec spec = SpecLoader.parse(resource(SPEC_RESOURCE), "digits-select.yaml (bundled)", cli.sets());
        String out = cli.out() != null ? cli.out()
                : "runs/demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        System.err.println("mgd demo: data selection on the bundled 8x8 digits (30% wrong labels): keep the half of"
                + " the pool that helps a clean target set, by metagradient descent (deploy/examples/digits-select.yaml)");
        Map<String, Object> result;
        try (SparkSession spark = SparkSession.start("mgd demo", cli.master(), !cli.quiet())) {
            result = MgdJob.run(spec, spark, out, false, cli.quiet());
        }
        System.out.printf("Target loss %.4f -> %.4f in %d meta-steps. Retrained from scratch with unseen seeds:%n",
                (Double) result.get("start_objective"), (Double) result.get("best_objective"), spec.mgd().steps());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) result.get("comparison");
        for (Map<String, Object> r : rows) {
            System.out.printf("  %-30s test accuracy %6.2f%% ± %.2f%n", r.get("name"),
                    100 * (Double) r.get("test_accuracy"), 100 * (Double) r.get("test_accuracy_std"));
        }
        System.out.println("Report: " + out + "/report.html   Next: ./mgd run deploy/examples/digits-poison.yaml");
        return 0;
    }

    static String resource(String name) {
        try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + name + ": rebuild it with mvn package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
