package org.mgd.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The driver sees a long job's tasks being done, read from a real Spark's status tracker. */
class JobProgressTest {
    private static final Pattern LINE = Pattern.compile("mgd: (\\d+)/4 runs done  .* elapsed");

    @Test
    void aLongJobReportsItsTasksAsTheyFinishAndEndsWithAll() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (SparkSession spark = SparkSession.start("test", "local[2]")) {
            spark.context().setJobGroup("watched", "four runs", false);
            // Four 1.5-second tasks on two cores: two waves, so the poll at one second is mid-job.
            try (JobProgress progress = JobProgress.on(new PrintStream(buffer, true, StandardCharsets.UTF_8),
                    spark.context(), "watched", "runs", 4, 0, 0)) {
                // Meanwhile, on another thread, a quick job of four tasks in another group, which
                // must not be counted (it would make the first line read 4/4).
                Thread other = new Thread(() -> {
                    spark.context().setJobGroup("other", "not watched", false);
                    spark.context().parallelize(List.of(1, 2, 3, 4), 4).count();
                });
                other.start();
                spark.context().parallelize(List.of(1, 2, 3, 4), 4).map(i -> {
                    Thread.sleep(1500);
                    return i;
                }).collect();
                other.join();
                progress.finish(true);
            }
        }
        String[] lines = buffer.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(lines.length >= 2, String.join("\n", lines));
        int previous = 0;
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), line);
            int done = Integer.parseInt(m.group(1));
            assertTrue(done >= previous, "counts only rise: " + String.join(" | ", lines));
            previous = done;
        }
        assertTrue(LINE.matcher(lines[0]).matches() && !lines[0].startsWith("mgd: 4/4"), "a mid-job line: " + lines[0]);
        assertEquals("mgd: 4/4", lines[lines.length - 1].substring(0, 8));
    }
}
