package org.mgd.common.data;

import java.io.Serializable;
import org.mgd.common.MgdException;
import org.mgd.common.spec.DataSpec;

/**
 * A candidate pool that Spark partitions read slice by slice. {@code idx:PREFIX} pools are read
 * by byte range, so no machine ever holds the whole pool; other sources (CSV, bundled) are loaded
 * by each executor once (cached per JVM) and sliced. The pool {@code train} is the spec's own
 * training split.
 */
public record PoolSlices(String source, DataSpec data, int classes, int size) implements Serializable {
    public static final String TRAIN = "train";

    /**
     * Sizes the pool: an IDX header, or the source itself. Labels are read as the spec's
     * training split's classes, the ones its model predicts.
     */
    public static PoolSlices of(String source, DataSpec data) {
        Dataset train = Splits.load(data).train();
        int classes = train.classes();
        if (source.equals(TRAIN)) {
            return new PoolSlices(source, data, classes, train.size());
        }
        DataSources.checkSyntax(source);
        int size = source.startsWith("idx:") ? IdxReader.count(imagesOf(source))
                : DataSources.load(source, data.csv(), classes).size();
        if (size == 0) {
            throw new MgdException("the pool " + source + " is empty");
        }
        return new PoolSlices(source, data, classes, size);
    }

    /** Examples {@code [from, to)} of the pool. */
    public Dataset slice(int from, int to) {
        if (source.startsWith("idx:")) {
            String prefix = source.substring("idx:".length());
            return IdxReader.readRange(imagesOf(source),
                    DataSources.existing(prefix + "-labels-idx1-ubyte", source), from, to, classes);
        }
        Dataset all = source.equals(TRAIN) ? Splits.load(data).train() : DataSources.load(source, data.csv(), classes);
        int[] range = new int[to - from];
        for (int i = 0; i < range.length; i++) {
            range[i] = from + i;
        }
        return all.select(range);
    }

    private static String imagesOf(String source) {
        return DataSources.existing(source.substring("idx:".length()) + "-images-idx3-ubyte", source);
    }
}
