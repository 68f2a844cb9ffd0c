package org.mgd.common.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.mgd.common.MgdException;

/**
 * {@code --set a.b.c=value}: replaces one key of the spec tree before it is validated, so an
 * override is checked exactly like the file (a misspelt key is reported as unknown). The value
 * is read as YAML: {@code 300} is a number, {@code [64, 32]} a list, {@code adam} text.
 */
final class Overrides {
    private Overrides() {}

    static void apply(JsonNode tree, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new MgdException("--set " + assignment + ": expected key.path=value");
        }
        String path = assignment.substring(0, eq).trim();
        String text = assignment.substring(eq + 1).trim();
        if (!tree.isObject()) {
            throw new MgdException("--set " + path + ": the spec is not a mapping");
        }
        String[] keys = path.split("\\.");
        ObjectNode node = (ObjectNode) tree;
        for (int i = 0; i < keys.length - 1; i++) {
            if (keys[i].isEmpty()) {
                throw new MgdException("--set " + path + ": empty key");
            }
            JsonNode next = node.get(keys[i]);
            if (next == null || next.isNull()) {
                next = node.putObject(keys[i]);
            } else if (!next.isObject()) {
                throw new MgdException("--set " + path + ": " + String.join(".", java.util.Arrays.copyOf(keys, i + 1))
                        + " is not a section");
            }
            node = (ObjectNode) next;
        }
        node.set(keys[keys.length - 1], parseValue(text));
    }

    private static JsonNode parseValue(String text) {
        if (text.isEmpty()) {
            return TextNode.valueOf("");
        }
        try {
            JsonNode v = SpecLoader.YAML.readTree(text);
            return v == null || v.isMissingNode() ? TextNode.valueOf(text) : v;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
