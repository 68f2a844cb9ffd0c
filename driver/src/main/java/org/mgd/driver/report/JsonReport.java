package org.mgd.driver.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;
import org.mgd.common.io.HadoopFiles;

/**
 * The JSON documents the CLI writes. Their field names are a public interface (scripts and
 * schedulers read them): add fields, never rename them.
 */
public final class JsonReport {
    private JsonReport() {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    public static String toJson(Map<String, ?> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line of JSON (for JSON-lines files such as metrics.jsonl). */
    public static String toCompactJson(Map<String, ?> fields) {
        try {
            return COMPACT.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes to {@code out} (local path or Hadoop URI) atomically, or to stdout when out is null. */
    public static void emit(Map<String, ?> fields, String out) {
        String json = toJson(fields);
        if (out == null) {
            System.out.println(json);
        } else {
            HadoopFiles.writeString(out, json + "\n");
        }
    }
}
