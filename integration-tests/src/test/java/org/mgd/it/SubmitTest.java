package org.mgd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/mgd-submit.sh} as a user runs it: a separate spark-submit JVM (SparkSubmit from the
 * Maven-resolved Spark jars, no SPARK_HOME) submitting the shaded {@code mgd.jar} to a real
 * standalone cluster started by {@code deploy/cluster/local-cluster.sh}.
 */
class SubmitTest {
    private static final Path SCRIPT = LocalCluster.ROOT.resolve("deploy/mgd-submit.sh");

    static Script.Run submit(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return Script.run(SCRIPT, List.of(args), env, List.of("SPARK_HOME", "MGD_JAR"), 3);
    }

    @Test
    void aDigitsJobSubmittedToAStandaloneClusterWritesItsResult(@TempDir Path dir) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 1, 2)) {
            Path result = dir.resolve("out/result.json");
            Script.Run run = submit(Map.of(), "--master", cluster.master(), "--driver-memory", "1g", "--",
                    "train", "deploy/examples/digits-mlp.yaml", "--out", result.toString());
            assertEquals(0, run.exit(), run.stderr() + "\n" + cluster.logs());
            JsonNode json = new ObjectMapper().readTree(result.toFile());
            assertEquals(200, json.get("steps").asInt());
            assertTrue(json.get("test_accuracy").asDouble() >= 0.90, "test accuracy " + json.get("test_accuracy"));
            // It ran on the cluster, not in local mode: the worker started an executor for the application.
            try (Stream<Path> apps = Files.list(dir.resolve("cluster/work"))) {
                assertTrue(apps.anyMatch(p -> p.getFileName().toString().startsWith("app-")),
                        "no application ran on the cluster\n" + run.stderr());
            }
            assertTrue(run.stderr().contains("Registered executor"), run.stderr());
        }
    }

    @Test
    void withSparkHomeItHandsTheJobToThatSparkSubmit(@TempDir Path dir) throws Exception {
        // A stand-in Spark installation whose spark-submit prints the command line it was given.
        Path bin = Files.createDirectories(dir.resolve("spark/bin"));
        Path sparkSubmit = bin.resolve("spark-submit");
        Files.writeString(sparkSubmit, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(sparkSubmit, PosixFilePermissions.fromString("rwxr-xr-x"));
        Script.Run run = submit(Map.of("SPARK_HOME", dir.resolve("spark").toString()), "--master", "yarn",
                "--conf", "spark.executor.resource.gpu.amount=1", "--", "run", "s.yaml", "--resume");
        assertEquals(0, run.exit(), run.stderr());
        assertEquals(List.of("--class", "org.mgd.driver.Main",
                "--properties-file", LocalCluster.ROOT.resolve("deploy/conf/spark-defaults.conf").toString(),
                "--master", "yarn", "--conf", "spark.executor.resource.gpu.amount=1",
                LocalCluster.ROOT.resolve("driver/target/mgd.jar").toString(), "run", "s.yaml", "--resume"),
                run.stdout().lines().toList());
        // A properties file of the user's own replaces ours.
        Path props = Files.writeString(dir.resolve("mine.conf"), "spark.master yarn\n");
        run = submit(Map.of("SPARK_HOME", dir.resolve("spark").toString()), "--properties-file", props.toString(),
                "--", "help");
        assertEquals(List.of("--class", "org.mgd.driver.Main", "--properties-file", props.toString(),
                LocalCluster.ROOT.resolve("driver/target/mgd.jar").toString(), "help"), run.stdout().lines().toList());
    }

    @Test
    void mistakesAreOneClearMessage(@TempDir Path dir) throws Exception {
        Script.Run noJar = submit(Map.of("MGD_JAR", dir.resolve("missing.jar").toString()), "--", "help");
        assertEquals(1, noJar.exit());
        assertTrue(noJar.stderr().contains("mvn -DskipTests package"), noJar.stderr());
        Script.Run noSeparator = submit(Map.of(), "--master", "local[1]", "help");
        assertEquals(2, noSeparator.exit());
        assertTrue(noSeparator.stderr().contains("'--'"), noSeparator.stderr());
        Script.Run noCommand = submit(Map.of(), "--master", "local[1]", "--");
        assertEquals(2, noCommand.exit());
        assertTrue(noCommand.stderr().contains("no mgd command"), noCommand.stderr());
    }
}
