package org.mgd.worker.smooth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mgd.common.MgdException;
import org.mgd.common.io.HadoopFiles;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.ModelSpec;
import org.mgd.common.spec.OptimizerSpec;
import org.mgd.common.spec.SpecException;
import org.mgd.common.spec.SpecLoader;

/**
 * The recipe search's menu: named sets of {@code key.path=value} spec overrides, each tried on
 * its own against the user's spec ("baseline", always first). The default menu holds the
 * interventions reported to make training metasmooth (BatchNorm before the activation, output
 * scale 1 or 0.1, average vs max pooling, 2x width, 2x batch, Adam with and without
 * {@code eps_root}, half and double the peak LR), made concrete for the base spec. A user menu is
 * a YAML mapping {@code name: [key=value, ...]}. {@link #resolve} loads every variant before any
 * training, so an invalid entry is an error that names it.
 */
public final class Menu {
    public static final String BASELINE = "baseline";
    /** The learning rate the default menu's Adam entries use when the base spec trains with SGD. */
    public static final double ADAM_LR_FROM_SGD = 0.01;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** One menu entry: a name and the overrides it applies to the base spec. */
    public record Entry(String name, List<String> overrides) {
        public Entry {
            overrides = List.copyOf(overrides);
        }
    }

    /** An entry made into a spec (base spec, the user's --set overrides, then the entry's). */
    public record Variant(String name, List<String> overrides, JobSpec spec) {}

    /** An entry left out, and why (does not apply to this model, or repeats an earlier setup). */
    public record Skipped(String name, String reason) {}

    /** What a menu resolves to for one base spec. */
    public record Resolved(List<Variant> variants, List<Skipped> skipped) {}

    private final List<Entry> entries;
    private final List<Skipped> skipped;

    private Menu(List<Entry> entries, List<Skipped> skipped) {
        this.entries = List.copyOf(entries);
        this.skipped = List.copyOf(skipped);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Entries the menu left out before loading anything (e.g. pooling for an MLP). */
    public List<Skipped> skipped() {
        return skipped;
    }

    /** A menu of the given entries; "baseline" (no overrides) is put first unless present. */
    public static Menu of(List<Entry> entries) {
        List<Entry> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (entries.stream().noneMatch(e -> e.name().equals(BASELINE))) {
            out.add(new Entry(BASELINE, List.of()));
        }
        for (Entry e : entries) {
            problems.addAll(check(e, out));
            out.add(e);
        }
        if (!problems.isEmpty()) {
            throw new MgdException("invalid menu:\n  " + String.join("\n  ", problems));
        }
        return new Menu(out, List.of());
    }

    private static List<String> check(Entry e, List<Entry> earlier) {
        List<String> problems = new ArrayList<>();
        if (e.name() == null || !NAME.matcher(e.name()).matches()) {
            problems.add("entry '" + e.name() + "': names are letters, digits and . _ + - (starting with a letter or digit)");
        } else if (earlier.stream().anyMatch(x -> x.name().equals(e.name()))) {
            problems.add("entry '" + e.name() + "' appears twice");
        }
        for (String o : e.overrides()) {
            int eq = o == null ? -1 : o.indexOf('=');
            if (eq <= 0 || o.substring(0, eq).isBlank()) {
                problems.add("entry '" + e.name() + "': '" + o + "' is not key.path=value");
            }
        }
        return problems;
    }

    /** Reads a user menu (YAML: {@code name: [key.path=value, ...]}) from a path or Hadoop URI. */
    public static Menu read(String location) {
        return parse(HadoopFiles.readString(location), location);
    }

    public static Menu parse(String text, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MgdException(origin + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new MgdException(origin + ": a menu is a mapping of entry names to lists of key.path=value overrides,"
                    + " e.g. 'bn-before: [model.batchnorm=before]'");
        }
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode list = f.getValue();
            if (list == null || list.isNull()) {
                entries.add(new Entry(f.getKey(), List.of()));
                continue;
            }
            if (!list.isArray()) {
                problems.add("entry '" + f.getKey() + "': expected a list of key.path=value overrides");
                continue;
            }
            List<String> overrides = new ArrayList<>();
            for (JsonNode o : list) {
                if (!o.isTextual()) {
                    problems.add("entry '" + f.getKey() + "': " + o + " is not a 'key.path=value' string"
                            + " (quote it: \"model.width=2\")");
                } else {
                    overrides.add(o.asText());
                }
            }
            entries.add(new Entry(f.getKey(), overrides));
        }
        if (!problems.isEmpty()) {
            throw new MgdException(origin + ": invalid menu:\n  " + String.join("\n  ", problems));
        }
        try {
            return of(entries);
        } catch (MgdException e) {
            throw new MgdException(origin + ": " + e.getMessage());
        }
    }

    /**
     * The default interventions, made concrete for {@code base} (a spec with {@code trainSize}
     * training examples): entries that cannot apply are skipped with the reason.
     */
    public static Menu defaults(JobSpec base, int trainSize) {
        ModelSpec m = base.model();
        List<Entry> e = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        e.add(new Entry(BASELINE, List.of()));
        boolean hasHiddenLayers = m.type() == ModelSpec.Type.CNN || !m.hidden().isEmpty();
        if (hasHiddenLayers) {
            e.add(new Entry("bn-before", List.of("model.batchnorm=before")));
        } else {
            skipped.add(new Skipped("bn-before", "the model has no hidden layers to normalise"));
        }
        e.add(new Entry("output-scale-1", List.of("model.output_scale=1.0")));
        e.add(new Entry("output-scale-0.1", List.of("model.output_scale=0.1")));
        if (m.type() == ModelSpec.Type.CNN) {
            e.add(new Entry("avg-pool", List.of("model.pool=avg")));
            e.add(new Entry("max-pool", List.of("model.pool=max")));
        } else {
            skipped.add(new Skipped("avg-pool", "pooling only applies to model.type: cnn"));
            skipped.add(new Skipped("max-pool", "pooling only applies to model.type: cnn"));
        }
        if (hasHiddenLayers) {
            e.add(new Entry("width-2x", List.of("model.width=" + number(2 * m.width()))));
        } else {
            skipped.add(new Skipped("width-2x", "the model has no hidden layers to widen"));
        }
        int batch = base.training().batchSize();
        if (2L * batch <= trainSize) {
            e.add(new Entry("batch-2x", List.of("training.batch_size=" + 2 * batch)));
        } else {
            skipped.add(new Skipped("batch-2x", "2 x training.batch_size (" + 2 * batch + ") is more than the "
                    + trainSize + " training examples"));
        }
        e.add(new Entry("adam", List.of("training.optimizer=" + adam(base.training().optimizer(), 0.0))));
        e.add(new Entry("adam-eps-root", List.of("training.optimizer=" + adam(base.training().optimizer(), 1e-8))));
        double lr = base.training().optimizer().lr();
        e.add(new Entry("lr-0.5x", List.of("training.optimizer.lr=" + number(0.5 * lr))));
        e.add(new Entry("lr-2x", List.of("training.optimizer.lr=" + number(2 * lr))));
        return new Menu(e, skipped);
    }

    /** Adam at the base's own settings (or at lr 0.01 when the base uses SGD), with this eps_root. */
    private static String adam(OptimizerSpec o, double epsRoot) {
        if (o instanceof OptimizerSpec.Adam a) {
            return "{type: adam, lr: " + number(a.lr()) + ", beta1: " + number(a.beta1()) + ", beta2: "
                    + number(a.beta2()) + ", eps: " + number(a.eps()) + ", eps_root: " + number(epsRoot)
                    + ", weight_decay: " + number(a.weightDecay()) + "}";
        }
        return "{type: adam, lr: " + number(ADAM_LR_FROM_SGD) + ", eps_root: " + number(epsRoot) + "}";
    }

    /** A number as YAML reads it back as that number (plain decimal: no exponent form). */
    static String number(double x) {
        String s = new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    /**
     * Loads every entry as a spec: the base text, the user's {@code baseSets}, then the entry's
     * overrides. Every invalid entry is reported at once, each by name, before anything trains.
     * An entry whose spec equals an earlier one's is skipped (e.g. output-scale-1 when the base
     * already has output scale 1).
     */
    public Resolved resolve(String specText, String origin, List<String> baseSets) {
        List<Variant> variants = new ArrayList<>();
        List<Skipped> skips = new ArrayList<>(skipped);
        List<String> problems = new ArrayList<>();
        for (Entry e : entries) {
            List<String> all = new ArrayList<>(baseSets);
            all.addAll(e.overrides());
            JobSpec spec;
            try {
                spec = SpecLoader.parse(specText, origin, all);
            } catch (SpecException ex) {
                problems.add("menu entry '" + e.name() + "' " + e.overrides() + ": " + String.join("; ", ex.problems()));
                continue;
            } catch (MgdException ex) {
                problems.add("menu entry '" + e.name() + "' " + e.overrides() + ": " + ex.getMessage());
                continue;
            }
            Variant same = variants.stream().filter(v -> v.spec().equals(spec)).findFirst().orElse(null);
            if (same != null) {
                skips.add(new Skipped(e.name(), "the same setup as '" + same.name() + "'"));
            } else {
                variants.add(new Variant(e.name(), e.overrides(), spec));
            }
        }
        if (!problems.isEmpty()) {
            throw new MgdException((problems.size() == 1 ? "invalid menu entry" : problems.size() + " invalid menu entries")
                    + " (nothing was trained):\n  " + String.join("\n  ", problems));
        }
        return new Resolved(variants, skips);
    }
}
