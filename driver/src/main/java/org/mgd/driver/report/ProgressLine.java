package org.mgd.driver.report;

import java.io.PrintStream;
import org.mgd.worker.train.StepListener;

/**
 * The live progress of a training run on stderr: steps done, last minibatch loss, elapsed time and
 * ETA. On a terminal it redraws one line; in a log (CI, executors) it writes a line every few
 * seconds and at the end, so logs stay short.
 */
public final class ProgressLine implements StepListener {
    private static final long serialVersionUID = 1L;
    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;
    private static final long REDRAW_INTERVAL_NANOS = 100_000_000L;

    private final String label;
    private final boolean terminal;
    private transient long start;
    private transient long lastPrint;

    public ProgressLine(String label, boolean terminal) {
        this.label = label;
        this.terminal = terminal;
    }

    /** A progress line for this process's stderr (a terminal when a console is attached). */
    public static ProgressLine forStderr(String label) {
        return new ProgressLine(label, System.console() != null);
    }

    @Override
    public void onStep(int step, int steps, double loss) {
        long now = System.nanoTime();
        if (start == 0) {
            start = now;
            lastPrint = now;
        }
        boolean last = step == steps;
        long interval = terminal ? REDRAW_INTERVAL_NANOS : LOG_INTERVAL_NANOS;
        if (!last && now - lastPrint < interval) {
            return;
        }
        lastPrint = now;
        PrintStream err = System.err;
        String line = format(step, steps, loss, (now - start) / 1e9);
        if (terminal) {
            err.print("\r" + line + (last ? "\n" : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }

    String format(int step, int steps, double loss, double elapsed) {
        double eta = step == 0 ? 0 : elapsed * (steps - step) / step;
        return String.format("%s %d/%d steps  loss %.4f  %s elapsed  ETA %s   ",
                label, step, steps, loss, duration(elapsed), duration(eta));
    }

    public static String duration(double seconds) {
        if (seconds < 60) {
            return String.format("%.1fs", seconds);
        }
        long s = Math.round(seconds);
        return s < 3600 ? String.format("%dm%02ds", s / 60, s % 60) : String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
