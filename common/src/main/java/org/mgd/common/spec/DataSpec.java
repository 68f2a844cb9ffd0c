package org.mgd.common.spec;

import java.io.Serializable;
import org.mgd.common.data.CsvOptions;

/**
 * Where the three splits come from. {@code source} feeds every split that has no source of its
 * own; splits drawn from one source get disjoint slices of one seeded permutation of it, in the
 * order train, target, test.
 */
public record DataSpec(String source, String trainSource, String targetSource, String testSource,
                       Split split, CsvOptions csv, Integer classes) implements Serializable {

    public enum Role { TRAIN, TARGET, TEST }

    /** How many examples each split takes; null means "all of its own source". */
    public record Split(Integer train, Integer target, Integer test, long seed) implements Serializable {
        public Integer count(Role role) {
            return switch (role) {
                case TRAIN -> train;
                case TARGET -> target;
                case TEST -> test;
            };
        }
    }

    public String sourceOf(Role role) {
        String own = switch (role) {
            case TRAIN -> trainSource;
            case TARGET -> targetSource;
            case TEST -> testSource;
        };
        return own != null ? own : source;
    }

    /** True when the split reads {@link #source} rather than a source of its own. */
    public boolean shared(Role role) {
        return sourceOf(role) != null && sourceOf(role).equals(source);
    }
}
