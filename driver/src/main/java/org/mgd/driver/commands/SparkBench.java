package org.mgd.driver.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mgd.common.MgdException;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecLoader;
import org.mgd.driver.cli.CommandLine;
import org.mgd.driver.mgd.MgdLoop;
import org.mgd.driver.mgd.MgdState;
import org.mgd.driver.report.JsonReport;
import org.mgd.driver.spark.SparkSession;

/**
 * {@code mgd bench spark SPEC [--master URL] [--seeds N] [--steps M]}: MGD meta-steps on whatever
 * executors the master gives, each one N metagradient tasks; the first meta-step warms up
 * executors and JIT and is not counted, nor is the run's final evaluation (plain training, no
 * metagradient). Prints metagradient throughput (tasks per minute of the
 * Spark jobs), bytes shipped per meta-step and the driver's share of a meta-step's time.
 * deploy/cluster/bench-scaling.sh runs it on 1 and 2 executors and prints the scaling efficiency.
 */
final class SparkBench {
    private SparkBench() {}

    static int run(CommandLine cli) {
        cli.allowOnly("master", "seeds", "steps", "out");
        int seeds = cli.intOption("seeds", 4, 1);
        int measured = cli.intOption("steps", 3, 1);
        JobSpec spec = SpecLoader.load(cli.argument(1, 2), concat(cli.sets(), "mgd.seeds=" + seeds,
                "mgd.steps=" + (measured + 1)));
        if (spec.mgd() == null) {
            throw new MgdException("bench spark runs MGD meta-steps: the spec needs an mgd: section");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("mgd-bench-spark");
        } catch (IOException e) {
            throw new MgdException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        MgdState end;
        int executors;
        try (SparkSession spark = SparkSession.start("mgd bench spark", cli.master(), !cli.quiet())) {
            MgdLoop loop = new MgdLoop(spec, spark, dir.toString(), true);
            end = loop.run(loop.start(false));
            executors = Math.max(1, spark.context().sc().getExecutorMemoryStatus().size() - (isLocal(spark) ? 0 : 1));
        } finally {
            deleteTree(dir);
        }
        List<Map<String, Object>> history = end.history();
        double sparkSeconds = 0;
        double stepSeconds = 0;
        double driverSeconds = 0;
        long bytes = 0;
        for (Map<String, Object> line : history.subList(1, 1 + measured)) {
            double seconds = (Double) line.get("seconds");
            double driver = (Double) line.get("driver_seconds");
            stepSeconds += seconds;
            driverSeconds += driver;
            sparkSeconds += seconds - driver;
            bytes += ((Number) line.get("result_bytes")).longValue() + ((Number) line.get("broadcast_bytes")).longValue();
        }
        int steps = measured;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("spec", spec.name());
        f.put("master", spark(cli));
        f.put("executors", executors);
        f.put("tasks_per_meta_step", seeds);
        f.put("meta_steps_measured", steps);
        f.put("tasks_per_minute", 60.0 * seeds * steps / sparkSeconds);
        f.put("bytes_per_meta_step", bytes / steps);
        f.put("driver_share", driverSeconds / stepSeconds);
        f.put("seconds_per_meta_step", stepSeconds / steps);
        JsonReport.emit(f, cli.out());
        return 0;
    }

    private static String spark(CommandLine cli) {
        return cli.master() != null ? cli.master() : "local[*]";
    }

    private static boolean isLocal(SparkSession spark) {
        return spark.context().master().startsWith("local");
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
