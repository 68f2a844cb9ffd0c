package org.mgd.driver.mgd;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.mgd.common.MgdException;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.LrScheduleSpec;
import org.mgd.common.spec.OptimizerSpec;

/**
 * The job an MGD run's state belongs to, as state.json records it, so that {@code --resume}
 * continues that job and not a changed one: a resumed run that trained with another learning
 * rate, split or budget would mix two jobs' meta-steps in one result. The spec is recorded as
 * bound (defaults filled in), so writing a default out or leaving it implied is the same job.
 * What may change: {@code mgd.steps} (a run may be extended), unless
 * {@code mgd.optimizer.final_step} makes the step size fall over them; and where and how REPLAY
 * keeps its checkpoints ({@code replay.schedule, k, slots, checkpoints}), which does not change a
 * bit of the result. {@code replay.vjp_step} does, so it may not. A key the saved spec lacks
 * (a state from a version before the key existed) is not compared.
 */
final class SavedSpec {
    private SavedSpec() {}

    /** Which kind of optimizer or schedule, which the fields alone do not always tell apart. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    private interface Typed {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .addMixIn(OptimizerSpec.class, Typed.class)
            .addMixIn(LrScheduleSpec.class, Typed.class);

    static JsonNode of(JobSpec spec) {
        ObjectNode tree = JSON.valueToTree(spec);
        ((ObjectNode) tree.get("replay")).retain("vjpStep");
        if (spec.mgd().optimizer().finalStep() == null) {
            ((ObjectNode) tree.get("mgd")).remove("steps");
        }
        return tree;
    }

    /** Refuses to resume {@code spec} from a state saved for another job; states from before this check pass. */
    static void check(JsonNode saved, JobSpec spec, String statePath) {
        if (saved == null || saved.isNull()) {
            return;
        }
        List<String> differences = new ArrayList<>();
        compare("", saved, of(spec), differences);
        if (!differences.isEmpty()) {
            throw new MgdException("--resume: the spec differs from the one " + statePath + " was started with, at "
                    + String.join("; ", differences) + ". Resume with that spec (only mgd.steps, unless"
                    + " mgd.optimizer.final_step is set, and replay's schedule, k, slots and checkpoints may change),"
                    + " or start afresh in another --out directory");
        }
    }

    private static void compare(String path, JsonNode then, JsonNode now, List<String> out) {
        if (then.isObject() && now.isObject()) {
            for (Iterator<String> it = then.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                compare(path.isEmpty() ? key(k) : path + "." + key(k), then.get(k), field(now, k), out);
            }
        } else if (!same(then, now)) {
            out.add(path + " (" + then + " then, " + now + " now)");
        }
    }

    /** Equal values; numbers by value, since a long read back from JSON may come as an int. */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static JsonNode field(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : v;
    }

    /** The spec's own key for a record component: {@code batchSize} is {@code batch_size}. */
    private static String key(String component) {
        return component.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
