package org.mgd.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One of the project's scripts run as a user runs it: its own process, from the checkout's root. */
final class Script {
    private Script() {}

    record Run(int exit, String stdout, String stderr) {}

    /**
     * Runs {@code script args} with {@code env} added to (and {@code unset} taken from) this
     * environment; fails the test if it has not finished within {@code minutes}.
     */
    static Run run(Path script, List<String> args, Map<String, String> env, List<String> unset, int minutes)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(args);
        Path out = Files.createTempFile("script-out", ".txt");
        Path err = Files.createTempFile("script-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(LocalCluster.ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        unset.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(script.getFileName() + " " + String.join(" ", args) + " did not finish in "
                    + minutes + " minutes");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
