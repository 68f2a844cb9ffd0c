package org.mgd.driver.spark;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.mgd.driver.report.ProgressLine;

/**
 * How many of a Spark job's tasks are done, on the driver while the job runs. A task's own
 * progress (its training steps) prints where it runs, which on a cluster is an executor's log;
 * the baselines, a schedule grid or a sweep are minutes of tasks that the driver's user would
 * otherwise watch in silence. Polls Spark's status tracker for the job group the work runs in;
 * prints nothing for a job done within {@code delaySeconds}; on a terminal it redraws one line,
 * elsewhere (a log) it writes a line every {@code logSeconds} and one when the job is done.
 */
final class JobProgress implements AutoCloseable {
    private final JavaSparkContext context;
    private final String group;
    private final String noun;
    private final int tasks;
    private final PrintStream out;
    private final boolean terminal;
    private final double delaySeconds;
    private final double logSeconds;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService poller;
    private double lastPrint = Double.NEGATIVE_INFINITY;
    private boolean printed;
    private boolean closed;

    private JobProgress(JavaSparkContext context, String group, String noun, int tasks, PrintStream out,
                        boolean terminal, double delaySeconds, double logSeconds) {
        this.context = context;
        this.group = group;
        this.noun = noun;
        this.tasks = tasks;
        this.out = out;
        this.terminal = terminal;
        this.delaySeconds = delaySeconds;
        this.logSeconds = logSeconds;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mgd-job-progress");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, 1, 1, TimeUnit.SECONDS);
    }

    /** Watches the jobs of {@code group} on this process's stderr (a terminal when a console is attached). */
    static JobProgress onStderr(JavaSparkContext context, String group, String noun, int tasks) {
        return new JobProgress(context, group, noun, tasks, System.err, System.console() != null, 5, 30);
    }

    static JobProgress on(PrintStream out, JavaSparkContext context, String group, String noun, int tasks,
                          double delaySeconds, double logSeconds) {
        return new JobProgress(context, group, noun, tasks, out, false, delaySeconds, logSeconds);
    }

    /** Tasks of the group's jobs that have finished (a retried task counts once it succeeds). */
    int done() {
        int done = 0;
        for (int jobId : context.statusTracker().getJobIdsForGroup(group)) {
            SparkJobInfo job = context.statusTracker().getJobInfo(jobId);
            if (job == null) {
                continue;
            }
            for (int stageId : job.stageIds()) {
                SparkStageInfo stage = context.statusTracker().getStageInfo(stageId);
                if (stage != null) {
                    done += stage.numCompletedTasks();
                }
            }
        }
        return Math.min(done, tasks);
    }

    private synchronized void poll() {
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (closed || elapsed < delaySeconds || (!terminal && elapsed - lastPrint < logSeconds)) {
            return;
        }
        print(done(), elapsed, false);
    }

    private void print(int done, double elapsed, boolean last) {
        lastPrint = elapsed;
        printed = true;
        String line = String.format("mgd: %d/%d %s done  %s elapsed", done, tasks, noun, ProgressLine.duration(elapsed));
        if (terminal) {
            out.print("\r" + line + (last ? "\n" : "   "));
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Stops watching a job that failed; one that was reported gets a final line with where it stopped. */
    @Override
    public void close() {
        finish(false);
    }

    /**
     * Stops watching; a job that was reported gets its final line: all its tasks when it
     * {@code succeeded} (the status tracker hears of the last ones after the job has returned).
     */
    synchronized void finish(boolean succeeded) {
        if (closed) {
            return;
        }
        closed = true;
        poller.shutdownNow();
        if (printed) {
            print(succeeded ? tasks : done(), (System.nanoTime() - start) / 1e9, true);
        }
    }
}
