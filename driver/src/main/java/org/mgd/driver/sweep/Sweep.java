package org.mgd.driver.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mgd.common.MgdException;
import org.mgd.common.io.HadoopFiles;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecException;
import org.mgd.common.spec.SpecLoader;

/**
 * A sweep file: a base spec and a grid over its keys; every combination is one configuration.
 * <pre>
 * spec: digits-select.yaml        # relative to this file's directory, or absolute / a URI
 * run: mgd                        # train (default): one training run per configuration; mgd: one MGD job
 * grid:
 *   mgd.budget: [0.3, 0.5]
 *   training.seed: [0, 1, 2]
 * </pre>
 * Every configuration's spec is loaded (and so validated) before anything runs.
 */
public record Sweep(String location, String specLocation, Mode mode, Map<String, List<String>> grid) {
    private static final Set<String> KEYS = Set.of("spec", "run", "grid");

    public enum Mode { TRAIN, MGD }

    /** One point of the grid: its index, the overrides it applies, the spec they give. */
    public record Configuration(int index, Map<String, String> values, JobSpec spec) {}

    public static Sweep load(String location) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(HadoopFiles.readString(location));
        } catch (IOException e) {
            throw new MgdException(location + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new MgdException(location + ": a sweep is a mapping with keys spec, run, grid");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new MgdException(location + ": unknown key '" + key + "' (a sweep has spec, run, grid)");
            }
        }
        JsonNode spec = root.get("spec");
        if (spec == null || !spec.isTextual()) {
            throw new MgdException(location + ": spec: the base job spec's path is required");
        }
        Mode mode = Mode.TRAIN;
        if (root.has("run")) {
            String run = root.get("run").asText();
            mode = switch (run) {
                case "train" -> Mode.TRAIN;
                case "mgd" -> Mode.MGD;
                default -> throw new MgdException(location + ": run: '" + run + "' is not train or mgd");
            };
        }
        JsonNode grid = root.get("grid");
        if (grid == null || !grid.isObject() || grid.isEmpty()) {
            throw new MgdException(location + ": grid: a mapping from spec keys to lists of values is required");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = grid.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                throw new MgdException(location + ": grid." + e.getKey() + ": a non-empty list of values is required");
            }
            List<String> texts = new ArrayList<>();
            // Scalars as written; lists and mappings as JSON, which is YAML flow syntax.
            e.getValue().forEach(v -> texts.add(v.isValueNode() ? v.asText() : v.toString()));
            values.put(e.getKey(), texts);
        }
        return new Sweep(location, resolve(location, spec.asText()), mode, values);
    }

    private static String resolve(String sweepLocation, String spec) {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(spec);
        if (p.isAbsolute() || p.toUri().getScheme() != null) {
            return spec;
        }
        org.apache.hadoop.fs.Path parent = new org.apache.hadoop.fs.Path(sweepLocation).getParent();
        return parent == null ? spec : new org.apache.hadoop.fs.Path(parent, spec).toString();
    }

    /** Every combination, the last grid key varying fastest; all specs loaded and checked now. */
    public List<Configuration> configurations(List<String> extraOverrides) {
        List<Map<String, String>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> axis : grid.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : points) {
                for (String v : axis.getValue()) {
                    Map<String, String> q = new LinkedHashMap<>(p);
                    q.put(axis.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        List<Configuration> out = new ArrayList<>();
        for (Map<String, String> p : points) {
            List<String> overrides = new ArrayList<>(extraOverrides);
            p.forEach((k, v) -> overrides.add(k + "=" + v));
            JobSpec spec;
            try {
                spec = SpecLoader.load(specLocation, overrides);
            } catch (SpecException e) {
                throw new MgdException(location + ": configuration " + out.size() + " " + p + ": " + e.getMessage());
            }
            if (mode == Mode.MGD && spec.mgd() == null) {
                throw new MgdException(location + ": run: mgd needs an mgd: section in " + specLocation);
            }
            out.add(new Configuration(out.size(), p, spec));
        }
        return out;
    }
}
