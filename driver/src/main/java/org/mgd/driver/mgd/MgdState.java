package org.mgd.driver.mgd;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mgd.common.MgdException;
import org.mgd.common.io.HadoopFiles;
import org.mgd.common.meta.Metaparameters;

/**
 * Everything an MGD run needs to continue: the next meta-step, the metaparameters, the
 * meta-optimizer's state, the best point so far (by the validation split when there is one) and
 * the metrics of every meta-step, and the job they belong to ({@link SavedSpec}; null in states
 * saved before it was recorded). Saved atomically after each meta-step; {@code --resume} reads it.
 */
public record MgdState(int step, Metaparameters z, double[][] optimizerState, Metaparameters best, double bestScore,
                       int bestStep, List<Map<String, Object>> history, JsonNode spec) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("step", step);
        f.put("metaparameters", JSON.valueToTree(fields(z)));
        f.put("optimizer_state", optimizerState);
        f.put("best", best == null ? null : JSON.valueToTree(fields(best)));
        f.put("best_score", Double.isFinite(bestScore) ? bestScore : null);
        f.put("best_step", bestStep);
        f.put("history", history);
        f.put("spec", spec);
        try {
            return JSON.writeValueAsString(f);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> fields(Metaparameters m) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("kind", m.kind().key());
        if (m.indices() != null) {
            f.put("indices", m.indices());
        }
        f.put("values", m.values());
        return f;
    }

    public static MgdState read(String location) {
        try {
            JsonNode root = JSON.readTree(HadoopFiles.readString(location));
            Metaparameters z = Metaparameters.parse(root.get("metaparameters").toString(), location);
            Metaparameters best = root.get("best").isNull() ? null
                    : Metaparameters.parse(root.get("best").toString(), location);
            double[][] state = JSON.convertValue(root.get("optimizer_state"), double[][].class);
            List<Map<String, Object>> history = JSON.convertValue(root.get("history"),
                    new TypeReference<List<Map<String, Object>>>() { });
            double bestScore = root.get("best_score").isNull() ? Double.POSITIVE_INFINITY : root.get("best_score").asDouble();
            return new MgdState(root.get("step").asInt(), z, state, best, bestScore, root.get("best_step").asInt(),
                    new ArrayList<>(history), root.get("spec"));
        } catch (IOException | RuntimeException e) {
            if (e instanceof MgdException m) {
                throw m;
            }
            throw new MgdException(location + " is not a readable MGD state (" + e.getMessage()
                    + "); start afresh without --resume, or in another --out directory");
        }
    }
}
