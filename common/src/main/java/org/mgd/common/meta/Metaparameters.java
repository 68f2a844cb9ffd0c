package org.mgd.common.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import org.mgd.common.MgdException;
import org.mgd.common.io.HadoopFiles;

/**
 * A point in metaparameter space, and its file format (shared by {@code train --meta}, the
 * metagradients later issues write, and MGD's state):
 * <pre>
 * {"kind": "data_weights", "values": [w_0, ..., w_{N-1}]}
 * {"kind": "lr_schedule",  "values": [m_0, ..., m_{K-1}]}          // K >= 2 knots over the run
 * {"kind": "inputs", "indices": [i, ...], "values": [x_i0 ..., ...]}  // row-major, one row per index
 * </pre>
 * For inputs, {@code values} may also be a list of rows. {@code indices} name training examples.
 */
public record Metaparameters(MetaKind kind, double[] values, int[] indices) implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("kind", "values", "indices");

    public Metaparameters {
        values = values.clone();
        indices = indices == null ? null : indices.clone();
    }

    public static Metaparameters dataWeights(double[] weights) {
        return new Metaparameters(MetaKind.DATA_WEIGHTS, weights, null);
    }

    /** Data weights of 1 for n examples: the point that is plain training. */
    public static Metaparameters unitWeights(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return dataWeights(w);
    }

    public static Metaparameters lrSchedule(double[] knots) {
        return new Metaparameters(MetaKind.LR_SCHEDULE, knots, null);
    }

    public static Metaparameters inputs(int[] indices, double[] rows) {
        return new Metaparameters(MetaKind.INPUTS, rows, indices);
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public int[] indices() {
        return indices == null ? null : indices.clone();
    }

    public int size() {
        return values.length;
    }

    /**
     * Checks that this point fits a run with {@code trainSize} examples of {@code featureCount}
     * features: a clear error for every mismatch, before any training starts.
     */
    public void checkFits(int trainSize, int featureCount) {
        switch (kind) {
            case DATA_WEIGHTS -> {
                if (values.length != trainSize) {
                    throw new MgdException("data_weights has " + values.length + " values but the training split has "
                            + trainSize + " examples");
                }
            }
            case LR_SCHEDULE -> {
                if (values.length < 2) {
                    throw new MgdException("lr_schedule needs at least 2 knots, got " + values.length);
                }
                for (double v : values) {
                    if (v < 0) {
                        throw new MgdException("lr_schedule multipliers must be >= 0, got " + v);
                    }
                }
            }
            case INPUTS -> {
                if (indices == null || indices.length == 0) {
                    throw new MgdException("inputs needs 'indices': which training examples it replaces");
                }
                if (values.length != (long) indices.length * featureCount) {
                    throw new MgdException("inputs has " + values.length + " values for " + indices.length
                            + " examples; expected " + indices.length + " x " + featureCount + " features");
                }
                boolean[] seen = new boolean[trainSize];
                for (int i : indices) {
                    if (i < 0 || i >= trainSize) {
                        throw new MgdException("inputs index " + i + " is outside the training split [0, " + trainSize + ")");
                    }
                    if (seen[i]) {
                        throw new MgdException("inputs index " + i + " appears twice");
                    }
                    seen[i] = true;
                }
                // Values outside [0, 1] are allowed: keeping poisons in the pixel box is the
                // meta-optimizer's projection, and finite differences step across the box's edge.
            }
        }
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", kind.key());
        if (indices != null) {
            ArrayNode idx = root.putArray("indices");
            for (int i : indices) {
                idx.add(i);
            }
        }
        ArrayNode vals = root.putArray("values");
        for (double v : values) {
            vals.add(v);
        }
        return root.toString();
    }

    public void write(String location) {
        HadoopFiles.writeString(location, toJson() + "\n");
    }

    public static Metaparameters read(String location) {
        return parse(HadoopFiles.readString(location), location);
    }

    public static Metaparameters parse(String json, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new MgdException(origin + ": not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MgdException(origin + ": expected a JSON object with 'kind' and 'values'");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new MgdException(origin + ": unknown key '" + key + "' (known: kind, values, indices)");
            }
        }
        JsonNode kindNode = root.get("kind");
        MetaKind kind = kindNode == null || !kindNode.isTextual() ? null : MetaKind.fromKey(kindNode.asText());
        if (kind == null) {
            throw new MgdException(origin + ": 'kind' must be one of data_weights, lr_schedule, inputs; got "
                    + (kindNode == null ? "nothing" : kindNode.toString()));
        }
        double[] values = numbers(root.get("values"), origin + ": values");
        int[] indices = null;
        if (root.has("indices")) {
            if (kind != MetaKind.INPUTS) {
                throw new MgdException(origin + ": 'indices' only belongs to kind inputs");
            }
            double[] raw = numbers(root.get("indices"), origin + ": indices");
            indices = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] != Math.rint(raw[i])) {
                    throw new MgdException(origin + ": indices[" + i + "] is not an integer: " + raw[i]);
                }
                indices[i] = (int) raw[i];
            }
        }
        return new Metaparameters(kind, values, indices);
    }

    /** A list of finite numbers, or a list of such lists (flattened row by row). */
    private static double[] numbers(JsonNode node, String where) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new MgdException(where + " must be a non-empty list of numbers");
        }
        double[] out = new double[countLeaves(node)];
        int k = 0;
        for (JsonNode item : node) {
            for (JsonNode leaf : item.isArray() ? item : JSON.createArrayNode().add(item)) {
                if (!leaf.isNumber() || !Double.isFinite(leaf.doubleValue())) {
                    throw new MgdException(where + "[" + k + "] is not a finite number: " + leaf);
                }
                out[k++] = leaf.doubleValue();
            }
        }
        return out;
    }

    private static int countLeaves(JsonNode node) {
        int n = 0;
        for (JsonNode item : node) {
            n += item.isArray() ? item.size() : 1;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metaparameters m && m.kind == kind && Arrays.equals(m.values, values)
                && Arrays.equals(m.indices, indices);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind.hashCode() + Arrays.hashCode(values)) + Arrays.hashCode(indices);
    }

    @Override
    public String toString() {
        return kind.key() + "[" + values.length + " values]";
    }
}
