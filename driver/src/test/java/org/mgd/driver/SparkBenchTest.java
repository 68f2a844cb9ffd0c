package org.mgd.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mgd bench spark} in local mode: its JSON fields, measured rather than made up. */
class SparkBenchTest {
    @Test
    void printsThroughputBytesAndTheDriversShare(@TempDir Path dir) throws Exception {
        SmoothnessCommandTest.loopback();
        Path out = dir.resolve("bench.json");
        SmoothnessCommandTest.Result r = SmoothnessCommandTest.mgd("bench", "spark",
                SmoothnessCommandTest.spec().getParent().resolve("digits-select.yaml").toString(), "--master", "local[2]",
                "--seeds", "2", "--steps", "1", "--set", "training.steps=20", "--out", out.toString());
        assertEquals(0, r.exit(), r.stderr());
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals(2, json.get("tasks_per_meta_step").asInt());
        assertEquals(1, json.get("meta_steps_measured").asInt());
        assertTrue(json.get("tasks_per_minute").asDouble() > 0);
        // Two results of 600 doubles each, plus the broadcast spec and 600 weights.
        assertTrue(json.get("bytes_per_meta_step").asLong() > 3 * 600 * 8, json.toString());
        double share = json.get("driver_share").asDouble();
        assertTrue(share > 0 && share < 1, json.toString());
    }
}
