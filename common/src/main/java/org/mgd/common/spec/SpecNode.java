package org.mgd.common.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One mapping of a spec being bound to records. Every read names its key, so that problems
 * (missing, wrong type, out of range) are reported with the full key path, and {@link #finish()}
 * reports the keys nobody read: a misspelt key is an error, never silently ignored.
 * Problems are collected, not thrown, so a user sees all of them at once.
 */
final class SpecNode {
    private final JsonNode node;
    private final String path;
    private final List<String> problems;
    private final Set<String> read = new LinkedHashSet<>();

    SpecNode(JsonNode node, String path, List<String> problems) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.problems = problems;
        if (!this.node.isMissingNode() && !this.node.isObject()) {
            problem(path.isEmpty() ? "the spec" : path, "expected a mapping of keys to values, got " + describe(this.node));
        }
    }

    boolean present() {
        return node.isObject();
    }

    boolean has(String key) {
        return node.isObject() && node.has(key) && !node.get(key).isNull();
    }

    String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String keyPath, String message) {
        problems.add(keyPath + ": " + message);
    }

    private JsonNode get(String key) {
        read.add(key);
        JsonNode value = node.isObject() ? node.get(key) : null;
        return value == null || value.isNull() ? null : value;
    }

    SpecNode child(String key) {
        return new SpecNode(get(key), keyPath(key), problems);
    }

    /** The value of a required key; null (with a problem recorded) when absent. */
    private JsonNode required(String key) {
        JsonNode v = get(key);
        if (v == null) {
            problem(keyPath(key), "missing (required)");
        }
        return v;
    }

    String string(String key, String fallback) {
        JsonNode v = fallback == null ? required(key) : get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problem(keyPath(key), "expected text, got " + describe(v));
            return fallback;
        }
        return v.asText();
    }

    /** A string from a fixed set of choices (case-sensitive, as written in the docs). */
    String choice(String key, String fallback, List<String> choices) {
        String s = string(key, fallback);
        if (s != null && !choices.contains(s)) {
            problem(keyPath(key), "'" + s + "' is not one of " + String.join(", ", choices));
            return fallback;
        }
        return s;
    }

    boolean bool(String key, boolean fallback) {
        JsonNode v = get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            problem(keyPath(key), "expected true or false, got " + describe(v));
            return fallback;
        }
        return v.booleanValue();
    }

    Integer integer(String key, Integer fallback, int min, int max) {
        JsonNode v = fallback == null ? required(key) : get(key);
        return v == null ? fallback : toInt(v, keyPath(key), fallback, min, max);
    }

    /** An optional integer: null when absent. */
    Integer optionalInteger(String key, int min, int max) {
        JsonNode v = get(key);
        return v == null ? null : toInt(v, keyPath(key), null, min, max);
    }

    long longValue(String key, long fallback, long min) {
        JsonNode v = get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            problem(keyPath(key), "expected an integer, got " + describe(v));
            return fallback;
        }
        if (v.longValue() < min) {
            problem(keyPath(key), "must be >= " + min + ", got " + v.longValue());
            return fallback;
        }
        return v.longValue();
    }

    /** A real number in a range; {@code minExclusive} makes the lower bound strict. */
    double number(String key, double fallback, double min, boolean minExclusive, double max, boolean maxExclusive) {
        JsonNode v = get(key);
        return v == null ? fallback : toDouble(v, keyPath(key), fallback, min, minExclusive, max, maxExclusive);
    }

    /** An optional positive-or-bounded number: null when absent. */
    Double optionalNumber(String key, double min, boolean minExclusive) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        double x = toDouble(v, keyPath(key), Double.NaN, min, minExclusive, Double.POSITIVE_INFINITY, false);
        return Double.isNaN(x) ? null : x;
    }

    /** An optional text value: null when absent. */
    String optionalString(String key) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problem(keyPath(key), "expected text, got " + describe(v));
            return null;
        }
        return v.asText();
    }

    List<Integer> intList(String key, List<Integer> fallback, int min, int max) {
        JsonNode v = get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isArray()) {
            problem(keyPath(key), "expected a list of integers, got " + describe(v));
            return fallback;
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            Integer x = toInt(v.get(i), keyPath(key) + "[" + i + "]", null, min, max);
            if (x != null) {
                out.add(x);
            }
        }
        return List.copyOf(out);
    }

    double[] numberList(String key, int minLength, double min, boolean minExclusive) {
        JsonNode v = required(key);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            problem(keyPath(key), "expected a list of numbers, got " + describe(v));
            return null;
        }
        if (v.size() < minLength) {
            problem(keyPath(key), "needs at least " + minLength + " values, got " + v.size());
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < v.size(); i++) {
            out[i] = toDouble(v.get(i), keyPath(key) + "[" + i + "]", Double.NaN, min, minExclusive,
                    Double.POSITIVE_INFINITY, false);
        }
        return out;
    }

    /** Records a problem for every key of this mapping that no binder asked for. */
    void finish() {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!read.contains(key)) {
                problem(keyPath(key), "unknown key" + suggestion(key));
            }
        }
    }

    private String suggestion(String key) {
        String best = null;
        int bestDistance = 3;
        for (String known : read) {
            int d = editDistance(key, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best == null ? " (known here: " + String.join(", ", read) + ")" : " (did you mean '" + best + "'?)";
    }

    private Integer toInt(JsonNode v, String where, Integer fallback, int min, int max) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            problem(where, "expected an integer, got " + describe(v));
            return fallback;
        }
        int x = v.intValue();
        if (x < min || x > max) {
            problem(where, "must be " + range(min, max) + ", got " + x);
            return fallback;
        }
        return x;
    }

    private double toDouble(JsonNode v, String where, double fallback, double min, boolean minExclusive,
                            double max, boolean maxExclusive) {
        if (!v.isNumber()) {
            problem(where, "expected a number, got " + describe(v));
            return fallback;
        }
        double x = v.doubleValue();
        boolean low = minExclusive ? x <= min : x < min;
        boolean high = maxExclusive ? x >= max : x > max;
        if (!Double.isFinite(x) || low || high) {
            String lo = (minExclusive ? "> " : ">= ") + fmt(min);
            String hi = Double.isInfinite(max) ? "" : (maxExclusive ? " and < " : " and <= ") + fmt(max);
            problem(where, "must be " + lo + hi + ", got " + fmt(x));
            return fallback;
        }
        return x;
    }

    private static String range(int min, int max) {
        return max == Integer.MAX_VALUE ? ">= " + min : "between " + min + " and " + max;
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.valueOf(x);
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "'" + v.asText() + "'";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        return v.toString();
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
