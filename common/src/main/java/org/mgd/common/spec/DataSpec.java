package org.mgd.common.spec;

import java.io.Serializable;
import org.mgd.common.data.CsvOptions;

/**
 * Where the splits come from. {@code source} feeds every split that has no source of its own;
 * splits drawn from one source get disjoint slices of one seeded permutation of it, in the order
 * train, target, test, validation. The validation split (optional, MGD's early stopping) is drawn
 * from the target's source. {@code labelNoise}: the fraction of training labels replaced by another
 * class (seeded by the split seed), to study what data selection finds. {@code flipLabels} (null:
 * none): training examples, by index in the train split, whose label is replaced by another class
 * the same way, on top of any label noise: the label-flip poisoning baseline's threat model.
 */
public record DataSpec(String source, String trainSource, String targetSource, String testSource,
                       Split split, CsvOptions csv, Integer classes, double labelNoise, int[] flipLabels)
        implements Serializable {

    /** The same data with the labels of these training examples flipped (null: none). */
    public DataSpec withFlipLabels(int[] indices) {
        return new DataSpec(source, trainSource, targetSource, testSource, split, csv, classes, labelNoise,
                indices == null ? null : indices.clone());
    }

    public enum Role { TRAIN, TARGET, TEST, VALIDATION }

    /**
     * How many examples each split takes; null means "all of its own source", except for the
     * optional validation split, where it means none.
     */
    public record Split(Integer train, Integer target, Integer test, Integer validation, long seed)
            implements Serializable {
        public Integer count(Role role) {
            return switch (role) {
                case TRAIN -> train;
                case TARGET -> target;
                case TEST -> test;
                case VALIDATION -> validation == null ? Integer.valueOf(0) : validation;
            };
        }
    }

    public String sourceOf(Role role) {
        String own = switch (role) {
            case TRAIN -> trainSource;
            case TARGET, VALIDATION -> targetSource;
            case TEST -> testSource;
        };
        return own != null ? own : source;
    }

    /** True when the split reads {@link #source} rather than a source of its own. */
    public boolean shared(Role role) {
        return sourceOf(role) != null && sourceOf(role).equals(source);
    }
}
