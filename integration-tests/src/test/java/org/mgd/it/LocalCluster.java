package org.mgd.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster for a test: master and workers are separate JVMs started by
 * {@code deploy/cluster/local-cluster.sh} (the script users run), executors are the workers'
 * child JVMs. Executors get the test's classpath, so they run exactly the code under test.
 */
final class LocalCluster implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("mgd.root", "..")).toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("deploy/cluster/local-cluster.sh");

    private final Path dir;
    private final String master;

    private LocalCluster(Path dir, String master) {
        this.dir = dir;
        this.master = master;
    }

    static LocalCluster start(Path dir, int workers, int cores) throws IOException, InterruptedException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(SCRIPT.toString(), "start", "--dir", dir.toString(), "--port",
                String.valueOf(port), "--workers", String.valueOf(workers), "--cores", String.valueOf(cores),
                "--memory", "3g").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("local-cluster.sh start failed:\n" + output);
        }
        return new LocalCluster(dir, output.lines().reduce((a, b) -> b).orElseThrow());
    }

    String master() {
        return master;
    }

    /** Spark properties for a driver in this JVM whose executors run {@code classpath}. */
    static void configureDriver(String classpath) {
        System.setProperty("spark.executor.extraClassPath", classpath);
        System.setProperty("spark.executor.memory", "1g");
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
    }

    static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** The executor JVMs this cluster runs now (their command lines name the executor backend). */
    static List<ProcessHandle> executors() {
        // ProcessHandle.Info drops command lines as long as an executor's; /proc has them whole.
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(h -> {
            try {
                String cmd = Files.readString(Path.of("/proc", String.valueOf(h.pid()), "cmdline"),
                        StandardCharsets.ISO_8859_1);
                if (cmd.contains("CoarseGrainedExecutorBackend")) {
                    found.add(h);
                }
            } catch (IOException | UncheckedIOException e) {
                // gone meanwhile, or not ours to read
            }
        });
        return found;
    }

    String logs() {
        try (var files = Files.list(dir)) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                List<String> lines = Files.readAllLines(f);
                all.append("== ").append(f.getFileName()).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())))
                        .append('\n');
            }
            return all.toString();
        } catch (IOException e) {
            return "(no logs: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder(SCRIPT.toString(), "stop", "--dir", dir.toString()).inheritIO().start().waitFor();
    }
}
