package org.mgd.common.data;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.mgd.common.MgdException;
import org.mgd.common.spec.DataSpec;
import org.mgd.common.spec.DataSpec.Role;

/**
 * The splits of a job: {@code train} (what the model fits, and what data metaparameters index),
 * {@code target} (what the objective is measured on, and what MGD optimises), {@code test}
 * (reported only, never seen by MGD) and {@code validation} (possibly empty: MGD's early
 * stopping, so it does not overfit the target). Splits that read one source take disjoint slices
 * of one permutation of it, seeded by {@code split.seed}.
 */
public record Splits(Dataset train, Dataset target, Dataset test, Dataset validation) implements Serializable {

    public static Splits load(DataSpec spec) {
        Map<String, Dataset> sources = new LinkedHashMap<>();
        int classes = spec.classes() == null ? 0 : spec.classes();
        for (Role role : Role.values()) {
            Dataset d = sources.computeIfAbsent(spec.sourceOf(role), s -> DataSources.load(s, spec.csv(), spec.classes()));
            classes = Math.max(classes, d.classes());
        }
        checkSameFeatures(sources);
        Dataset[] out = new Dataset[4];
        for (Map.Entry<String, Dataset> e : sources.entrySet()) {
            Dataset d = e.getValue();
            int[] perm = permutation(d.size(), spec.split().seed());
            int next = 0;
            StringBuilder demand = new StringBuilder();
            for (Role role : Role.values()) {
                if (!spec.sourceOf(role).equals(e.getKey())) {
                    continue;
                }
                Integer wanted = spec.split().count(role);
                int n = wanted == null ? d.size() - next : wanted;
                if (role == Role.VALIDATION && n == 0) {
                    out[role.ordinal()] = new Dataset(new double[0], new int[0], classes, d.shape());
                    continue;
                }
                demand.append(demand.length() == 0 ? "" : " + ").append(role.name().toLowerCase()).append(' ').append(n);
                if (next + n > d.size() || n <= 0) {
                    throw new MgdException("data.split asks for " + demand + " examples from " + e.getKey()
                            + ", which has " + d.size());
                }
                int[] idx = new int[n];
                System.arraycopy(perm, next, idx, 0, n);
                next += n;
                Dataset slice = d.select(idx);
                out[role.ordinal()] = new Dataset(slice.features(), slice.labels(), classes, slice.shape());
            }
        }
        Dataset train = spec.labelNoise() > 0
                ? withOtherLabels(out[0], noisyExamples(out[0].size(), spec.labelNoise(), spec.split().seed()),
                        spec.split().seed())
                : out[0];
        if (spec.flipLabels() != null) {
            for (int i : spec.flipLabels()) {
                if (i >= train.size()) {
                    throw new MgdException("data.flip_labels names training example " + i
                            + ", but the train split has " + train.size() + " examples (indices 0.." + (train.size() - 1) + ")");
                }
            }
            // Its own stream of other classes, so flipping some examples never changes the noise of the rest.
            train = withOtherLabels(train, spec.flipLabels(), spec.split().seed() + 0x7F4A7C15L);
        }
        return new Splits(train, out[1], out[2], out[3]);
    }

    /**
     * Where each training example comes from: its row in the train split's source ({@code
     * data.train_source}, else {@code data.source}), so a selection or a set of poisons can be
     * named in the original file. The train split is always the first slice of its source's
     * permutation.
     */
    public static int[] trainSourceIndices(DataSpec spec) {
        Dataset source = DataSources.load(spec.sourceOf(Role.TRAIN), spec.csv(), spec.classes());
        Integer wanted = spec.split().count(Role.TRAIN);
        return java.util.Arrays.copyOf(permutation(source.size(), spec.split().seed()),
                wanted == null ? source.size() : wanted);
    }

    /**
     * The given examples get a label drawn uniformly from the other classes (label noise: the
     * examples of {@link #noisyExamples}; label flipping: those of {@code data.flip_labels}).
     */
    static Dataset withOtherLabels(Dataset d, int[] examples, long seed) {
        int[] labels = d.labels().clone();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i : examples) {
            labels[i] = (labels[i] + 1 + random.nextInt(d.classes() - 1)) % d.classes();
        }
        return new Dataset(d.features(), labels, d.classes(), d.shape());
    }

    /** The training examples whose labels {@code data.label_noise} replaced. */
    public static int[] noisyExamples(int trainSize, double fraction, long seed) {
        int count = (int) Math.round(fraction * trainSize);
        int[] chosen = java.util.Arrays.copyOf(permutation(trainSize, seed + 0x9E3779B9L), count);
        java.util.Arrays.sort(chosen);
        return chosen;
    }

    private static void checkSameFeatures(Map<String, Dataset> sources) {
        Dataset first = null;
        String firstName = null;
        for (Map.Entry<String, Dataset> e : sources.entrySet()) {
            if (first == null) {
                first = e.getValue();
                firstName = e.getKey();
            } else if (e.getValue().featureCount() != first.featureCount()) {
                throw new MgdException("data sources disagree on the number of features: " + firstName + " has "
                        + first.featureCount() + ", " + e.getKey() + " has " + e.getValue().featureCount());
            }
        }
    }

    /** A uniformly random permutation of 0..n-1 from the project's own generator (Fisher-Yates). */
    public static int[] permutation(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
