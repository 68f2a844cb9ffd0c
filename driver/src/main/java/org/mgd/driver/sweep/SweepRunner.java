package org.mgd.driver.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mgd.common.MgdException;
import org.mgd.driver.mgd.MgdLoop;
import org.mgd.driver.mgd.MgdState;
import org.mgd.driver.spark.SparkSession;
import org.mgd.worker.task.Task;
import org.mgd.worker.task.TaskResult;
import org.mgd.worker.train.StepListener;

/**
 * Runs a sweep's configurations in one Spark application. Training sweeps are one Spark job
 * with a task per configuration; MGD sweeps run one outer loop per configuration on driver
 * threads, so the meta-steps of different configurations share the executors.
 */
public final class SweepRunner {
    private final SparkSession spark;
    private final String out;
    private final boolean quiet;

    public SweepRunner(SparkSession spark, String out, boolean quiet) {
        this.spark = spark;
        this.out = out;
        this.quiet = quiet;
    }

    /** One row per configuration, in configuration order. */
    public List<Map<String, Object>> run(Sweep sweep, List<Sweep.Configuration> configurations, int parallel) {
        return sweep.mode() == Sweep.Mode.TRAIN ? train(configurations) : mgd(configurations, parallel);
    }

    private List<Map<String, Object>> train(List<Sweep.Configuration> configurations) {
        List<Task> tasks = configurations.stream().map(c -> Task.of(c.spec(), null)).toList();
        List<TaskResult> results = spark.train(tasks, StepListener.NONE);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            TaskResult r = results.get(i);
            Map<String, Object> row = start(configurations.get(i));
            row.put("objective", r.objective());
            row.put("target_accuracy", r.target().accuracy());
            row.put("test_accuracy", r.test().accuracy());
            row.put("final_train_loss", r.finalTrainLoss());
            row.put("seconds", r.seconds());
            rows.add(row);
        }
        return rows;
    }

    private List<Map<String, Object>> mgd(List<Sweep.Configuration> configurations, int parallel) {
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, configurations.size())));
        try {
            List<Future<Map<String, Object>>> futures = new ArrayList<>();
            for (Sweep.Configuration c : configurations) {
                futures.add(threads.submit(() -> mgdRow(c)));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Future<Map<String, Object>> f : futures) {
                rows.add(f.get());
            }
            return rows;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new MgdException(e.getCause().toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MgdException("the sweep was interrupted", e);
        } finally {
            threads.shutdownNow();
        }
    }

    private Map<String, Object> mgdRow(Sweep.Configuration c) {
        long t0 = System.nanoTime();
        String dir = configurationDir(out, c.index());
        MgdLoop loop = new MgdLoop(c.spec(), spark, dir, true);
        MgdState end = loop.run(loop.start(false));
        List<Map<String, Object>> history = end.history();
        Map<String, Object> row = start(c);
        row.put("start_objective", history.get(0).get("objective"));
        row.put("final_objective", history.get(history.size() - 1).get("objective"));
        row.put("best_step", end.bestStep());
        row.put("best_score", end.bestScore());
        row.put("best_test_accuracy", history.get(end.bestStep()).get("test_accuracy"));
        row.put("seconds", (System.nanoTime() - t0) / 1e9);
        row.put("output", dir);
        if (!quiet) {
            System.err.printf("sweep: configuration %d %s: objective %.5f -> %.5f%n", c.index(), c.values(),
                    (Double) row.get("start_objective"), (Double) row.get("final_objective"));
        }
        return row;
    }

    static String configurationDir(String out, int index) {
        return String.format("%s/configurations/%04d", out, index);
    }

    private static Map<String, Object> start(Sweep.Configuration c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("configuration", c.index());
        row.putAll(c.values());
        return row;
    }
}
