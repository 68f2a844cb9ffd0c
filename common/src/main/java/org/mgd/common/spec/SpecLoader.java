package org.mgd.common.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import org.mgd.common.checkpoint.CheckpointStore;
import org.mgd.common.data.CsvOptions;
import org.mgd.common.data.DataSources;
import org.mgd.common.io.HadoopFiles;
import org.mgd.common.MgdException;
import org.mgd.common.spec.DataSpec.Split;

/**
 * Reads a job spec (YAML or JSON; JSON is YAML) into a {@link JobSpec}. The text is parsed into a
 * plain tree, never into types named by the file, then bound key by key; every problem found is
 * reported at once, each with its key path.
 */
public final class SpecLoader {
    private SpecLoader() {}

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Loads a spec from a local path or any Hadoop FileSystem URI, applying {@code key=value} overrides. */
    public static JobSpec load(String location, List<String> overrides) {
        return parse(HadoopFiles.readString(location), location, overrides);
    }

    public static JobSpec parse(String text, String origin, List<String> overrides) {
        JsonNode tree = readTree(text, origin);
        List<String> problems = applyAll(tree, overrides);
        JobSpec spec = bind(tree, problems);
        if (!problems.isEmpty()) {
            throw new SpecException(origin, problems);
        }
        return spec;
    }

    /** Applies every override to the tree; returns the problems, one per bad override. */
    private static List<String> applyAll(JsonNode tree, List<String> overrides) {
        List<String> problems = new ArrayList<>();
        for (String override : overrides) {
            try {
                Overrides.apply(tree, override);
            } catch (MgdException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    /**
     * The spec text with {@code key=value} overrides applied exactly as {@link #load} applies
     * them, written back as YAML (comments are not kept). Bad YAML or a bad override is a
     * {@link SpecException}; the result is not validated (load it to check it).
     */
    public static String applyOverrides(String yamlText, List<String> overrides) {
        JsonNode tree = readTree(yamlText, "spec");
        List<String> problems = applyAll(tree, overrides);
        if (!problems.isEmpty()) {
            throw new SpecException("spec", problems);
        }
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new MgdException("cannot write the spec as YAML: " + e.getOriginalMessage(), e);
        }
    }

    static JsonNode readTree(String text, String origin) {
        try {
            JsonNode tree = YAML.readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new SpecException(origin, List.of("the spec is empty"));
            }
            return tree;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new SpecException(origin, List.of("not valid YAML or JSON" + where + ": " + e.getOriginalMessage()));
        }
    }

    private static JobSpec bind(JsonNode tree, List<String> problems) {
        SpecNode root = new SpecNode(tree, "", problems);
        if (!root.present()) {
            return null;
        }
        String name = root.string("name", "unnamed");
        DataSpec data = bindData(root.child("data"));
        ModelSpec model = bindModel(root.child("model"));
        TrainingSpec training = bindTraining(root.child("training"));
        String objective = root.choice("objective", "target_loss", keys(Objective.values()));
        ReplaySpec replay = bindReplay(root.child("replay"));
        SpecNode mgdNode = root.child("mgd");
        MgdSpec mgd = mgdNode.present() ? bindMgd(mgdNode, objective, data, training) : null;
        root.finish();
        return new JobSpec(name, data, model, training, Objective.valueOf(objective.toUpperCase()), replay, mgd);
    }

    private static DataSpec bindData(SpecNode node) {
        if (!node.present()) {
            node.problem("data", "missing (required): say where the examples come from, e.g. source: bundled:digits");
            return null;
        }
        String source = source(node, "source");
        String train = source(node, "train_source");
        String target = source(node, "target_source");
        String test = source(node, "test_source");
        SpecNode splitNode = node.child("split");
        Integer classes = node.optionalInteger("classes", 2, 1_000_000);
        CsvOptions csv = bindCsv(node.child("csv"), classes);
        double labelNoise = node.number("label_noise", 0.0, 0, false, 1, true);
        List<Integer> flips = node.intList("flip_labels", null, 0, Integer.MAX_VALUE);
        int[] flipLabels = flips == null ? null : flips.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        node.finish();

        DataSpec partial = new DataSpec(source, train, target, test, null, csv, classes, labelNoise, flipLabels);
        Integer[] counts = new Integer[4];
        for (DataSpec.Role role : List.of(DataSpec.Role.TRAIN, DataSpec.Role.TARGET, DataSpec.Role.TEST)) {
            String key = role.name().toLowerCase();
            if (partial.sourceOf(role) == null) {
                node.problem(node.keyPath(key + "_source"), "no source for the " + key
                        + " split: set data.source or data." + key + "_source");
            }
            counts[role.ordinal()] = partial.shared(role)
                    ? splitNode.integer(key, null, 1, Integer.MAX_VALUE)
                    : splitNode.optionalInteger(key, 1, Integer.MAX_VALUE);
        }
        counts[3] = splitNode.optionalInteger("validation", 0, Integer.MAX_VALUE);
        long seed = splitNode.longValue("seed", 0, 0);
        splitNode.finish();
        return new DataSpec(source, train, target, test, new Split(counts[0], counts[1], counts[2], counts[3], seed),
                csv, classes, labelNoise, flipLabels);
    }

    private static String source(SpecNode node, String key) {
        String s = node.optionalString(key);
        if (s != null) {
            try {
                DataSources.checkSyntax(s);
            } catch (MgdException e) {
                node.problem(node.keyPath(key), e.getMessage());
            }
        }
        return s;
    }

    private static CsvOptions bindCsv(SpecNode node, Integer classes) {
        int labelColumn = node.integer("label_column", CsvOptions.DEFAULTS.labelColumn(), Integer.MIN_VALUE, Integer.MAX_VALUE);
        boolean header = node.bool("header", CsvOptions.DEFAULTS.header());
        Double scale = node.optionalNumber("feature_scale", 0, true); // absent: scaled by the file's largest value
        node.finish();
        return new CsvOptions(labelColumn, header, scale, classes);
    }

    private static ModelSpec bindModel(SpecNode node) {
        String type = node.choice("type", "mlp", keys(ModelSpec.Type.values()));
        List<Integer> hidden = node.intList("hidden", List.of(32), 1, 1 << 20);
        List<Integer> conv = node.intList("conv", List.of(16, 32), 1, 1 << 16);
        int kernel = node.integer("kernel", 3, 1, 15);
        String pool = node.choice("pool", "avg", keys(ModelSpec.Pooling.values()));
        String batchnorm = node.choice("batchnorm", "none", keys(ModelSpec.BatchNorm.values()));
        double width = node.number("width", 1.0, 0, true, 1024, false);
        String activation = node.choice("activation", "tanh", keys(ModelSpec.Activation.values()));
        double outputScale = node.number("output_scale", 1.0, 0, true, Double.POSITIVE_INFINITY, false);
        long initSeed = node.longValue("init_seed", 0, 0);
        if (type.equals("mlp")) {
            for (String cnnOnly : List.of("conv", "kernel", "pool")) {
                if (node.has(cnnOnly)) {
                    node.problem(node.keyPath(cnnOnly), "only applies to model.type: cnn");
                }
            }
        }
        node.finish();
        return new ModelSpec(ModelSpec.Type.valueOf(type.toUpperCase()), hidden, conv, kernel,
                ModelSpec.Pooling.valueOf(pool.toUpperCase()), ModelSpec.BatchNorm.valueOf(batchnorm.toUpperCase()),
                width, ModelSpec.Activation.valueOf(activation.toUpperCase()), outputScale, initSeed);
    }

    private static TrainingSpec bindTraining(SpecNode node) {
        int steps = node.integer("steps", 200, 1, 10_000_000);
        int batchSize = node.integer("batch_size", 64, 1, 1 << 24);
        long seed = node.longValue("seed", 0, 0);
        OptimizerSpec optimizer = bindOptimizer(node.child("optimizer"));
        LrScheduleSpec schedule = bindSchedule(node.child("lr_schedule"), steps);
        node.finish();
        return new TrainingSpec(steps, batchSize, seed, optimizer, schedule);
    }

    private static OptimizerSpec bindOptimizer(SpecNode node) {
        String type = node.choice("type", "sgd", List.of("sgd", "adam"));
        double lr = node.number("lr", type.equals("adam") ? 1e-3 : 0.1, 0, true, Double.POSITIVE_INFINITY, false);
        double decay = node.number("weight_decay", 0.0, 0, false, Double.POSITIVE_INFINITY, false);
        OptimizerSpec spec;
        if (type.equals("adam")) {
            spec = new OptimizerSpec.Adam(lr,
                    node.number("beta1", 0.9, 0, false, 1, true),
                    node.number("beta2", 0.999, 0, false, 1, true),
                    node.number("eps", 1e-8, 0, false, Double.POSITIVE_INFINITY, false),
                    node.number("eps_root", 1e-8, 0, false, Double.POSITIVE_INFINITY, false),
                    decay);
        } else {
            spec = new OptimizerSpec.Sgd(lr,
                    node.number("momentum", 0.0, 0, false, 1, true),
                    node.bool("nesterov", false),
                    decay);
            if (((OptimizerSpec.Sgd) spec).nesterov() && ((OptimizerSpec.Sgd) spec).momentum() == 0) {
                node.problem(node.keyPath("nesterov"), "Nesterov needs momentum > 0");
            }
        }
        node.finish();
        return spec;
    }

    private static LrScheduleSpec bindSchedule(SpecNode node, int steps) {
        String type = node.choice("type", "constant", List.of("constant", "linear", "cosine", "one_cycle", "knots"));
        LrScheduleSpec spec = switch (type) {
            case "linear" -> new LrScheduleSpec.Linear(finalRatio(node));
            case "cosine" -> new LrScheduleSpec.Cosine(finalRatio(node));
            case "one_cycle" -> new LrScheduleSpec.OneCycle(
                    node.number("warmup", 0.25, 0, true, 1, false),
                    node.number("start_ratio", 0.0, 0, false, Double.POSITIVE_INFINITY, false),
                    finalRatio(node));
            case "knots" -> {
                double[] values = node.numberList("values", 2, 0, false);
                if (values != null && values.length > steps) {
                    node.problem(node.keyPath("values"), "has " + values.length
                            + " knots, more than training.steps (" + steps + ")");
                }
                yield new LrScheduleSpec.Knots(values);
            }
            default -> new LrScheduleSpec.Constant();
        };
        node.finish();
        return spec;
    }

    private static ReplaySpec bindReplay(SpecNode node) {
        ReplaySpec d = ReplaySpec.DEFAULTS;
        String schedule = node.choice("schedule", d.schedule(), List.of("tree", "revolve"));
        Integer k = node.optionalInteger("k", 2, Integer.MAX_VALUE);
        Integer slots = node.optionalInteger("slots", 1, Integer.MAX_VALUE);
        String checkpoints = node.string("checkpoints", d.checkpoints());
        try {
            CheckpointStore.checkSyntax(checkpoints);
        } catch (MgdException e) {
            node.problem(node.keyPath("checkpoints"), e.getMessage());
        }
        double vjpStep = node.number("vjp_step", d.vjpStep(), 0, true, 1, false);
        node.finish();
        return new ReplaySpec(schedule, k, slots, checkpoints, vjpStep);
    }

    private static MgdSpec bindMgd(SpecNode node, String objective, DataSpec data, TrainingSpec training) {
        String task = node.choice("task", null, keys(MgdSpec.Task.values()));
        int steps = node.integer("steps", 10, 0, 1_000_000);
        int seeds = node.integer("seeds", 1, 1, 10_000);
        long seed = node.longValue("seed", 0, 0);
        double budget = node.number("budget", 0.5, 0, true, Double.POSITIVE_INFINITY, false);
        double poisonFraction = node.number("poison_fraction", 0.025, 0, false, 1, false);
        Double radius = node.optionalNumber("radius", 0, true);
        int knots = node.integer("knots", 10, Integer.MIN_VALUE, Integer.MAX_VALUE);
        boolean freshSeeds = node.bool("fresh_seeds", false);
        boolean earlyStopping = node.bool("early_stopping", true);
        SpecNode opt = node.child("optimizer");
        String defaultType = task == null ? "signed" : switch (task) {
            case "select" -> "exchange";
            case "schedule" -> "adam";
            default -> "signed";
        };
        List<String> allowed = task == null ? List.of("signed", "exchange", "adam") : switch (task) {
            case "select" -> List.of("exchange", "signed");
            case "schedule" -> List.of("adam", "signed");
            default -> List.of("signed", "adam");
        };
        String type = opt.choice("type", defaultType, allowed);
        double defaultStep = "poison".equals(task) ? 0.02 : "schedule".equals(task) ? 0.1 : 1.0;
        MgdSpec.MetaOptimizerSpec optimizer = new MgdSpec.MetaOptimizerSpec(type,
                opt.number("step", defaultStep, 0, true, Double.POSITIVE_INFINITY, false),
                opt.number("fraction", 0.2, 0, true, 1, false),
                opt.optionalInteger("swap", 1, Integer.MAX_VALUE),
                opt.number("beta1", 0.9, 0, false, 1, true),
                opt.number("beta2", 0.999, 0, false, 1, true),
                opt.optionalNumber("final_step", 0, true));
        // A key the chosen rule never reads would be accepted and silently do nothing.
        List<String> used = switch (type) {
            case "exchange" -> List.of("type", "swap");
            case "adam" -> List.of("type", "step", "final_step", "beta1", "beta2");
            default -> "select".equals(task) ? List.of("type", "step", "final_step", "fraction")
                    : List.of("type", "step", "final_step");
        };
        for (String k : List.of("step", "final_step", "fraction", "swap", "beta1", "beta2")) {
            if (!used.contains(k) && opt.has(k)) {
                opt.problem(opt.keyPath(k), "is not used by the " + type + " rule" + (task == null ? "" : " of " + task)
                        + " (it reads " + String.join(", ", used.subList(1, used.size())) + ")");
            }
        }
        opt.finish();
        if ("select".equals(task) && budget > 1) {
            node.problem(node.keyPath("budget"), "is the fraction of the training pool to keep; " + budget
                    + " is larger than the pool");
        }
        if ("poison".equals(task)) {
            if (poisonFraction == 0) {
                node.problem(node.keyPath("poison_fraction"), "must be > 0: poisoning needs examples to poison");
            }
            if (!"neg_target_loss".equals(objective)) {
                node.problem("objective", "a poisoning run maximises the target loss: set objective: neg_target_loss");
            }
        }
        if (!freshSeeds && seeds > MgdSpec.UNSEEN_SEED_OFFSET) {
            node.problem(node.keyPath("seeds"), "must be <= " + MgdSpec.UNSEEN_SEED_OFFSET + ", got " + seeds
                    + ": seeds from training.seed + " + MgdSpec.UNSEEN_SEED_OFFSET
                    + " on are kept for judging the result on unseen batch orders");
        }
        if (freshSeeds && (long) (steps + 1) * seeds > MgdSpec.UNSEEN_SEED_OFFSET) {
            node.problem(node.keyPath("fresh_seeds"), "needs (steps + 1) x seeds <= " + MgdSpec.UNSEEN_SEED_OFFSET
                    + " batch orders, got " + (long) (steps + 1) * seeds + ": seeds from training.seed + "
                    + MgdSpec.UNSEEN_SEED_OFFSET + " on are kept for judging the result on unseen batch orders");
        }
        if ("schedule".equals(task) && knots < 2) {
            node.problem(node.keyPath("knots"), "a schedule needs at least 2 knots, got " + knots);
        } else if ("schedule".equals(task) && training != null && knots > training.steps()) {
            node.problem(node.keyPath("knots"), knots + " knots is more than training.steps (" + training.steps()
                    + "): a knot per step is the most a schedule can use");
        }
        node.finish();
        if (task == null) {
            return null;
        }
        return new MgdSpec(MgdSpec.Task.valueOf(task.toUpperCase()), steps, seeds, optimizer, budget, poisonFraction,
                radius, knots, seed, freshSeeds, earlyStopping);
    }

    private static double finalRatio(SpecNode node) {
        return node.number("final_ratio", 0.0, 0, false, Double.POSITIVE_INFINITY, false);
    }

    private static List<String> keys(Enum<?>[] values) {
        List<String> out = new ArrayList<>();
        for (Enum<?> v : values) {
            out.add(v.name().toLowerCase());
        }
        return out;
    }
}
