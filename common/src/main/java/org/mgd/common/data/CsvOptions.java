package org.mgd.common.data;

import java.io.Serializable;
import org.mgd.common.MgdException;

/**
 * How to read a CSV dataset.
 *
 * @param labelColumn zero-based column of the label; negative counts from the end (-1 = last)
 * @param header whether the first line is a header to skip
 * @param featureScale divide every feature by this; null = divide by the largest feature in the
 *     file when that is above 1 (so data already in [0,1] is left alone)
 * @param classes number of classes; null = the largest label + 1
 */
public record CsvOptions(int labelColumn, boolean header, Double featureScale, Integer classes)
        implements Serializable {

    public static final CsvOptions DEFAULTS = new CsvOptions(-1, false, null, null);

    public CsvOptions {
        if (featureScale != null && !(featureScale > 0 && Double.isFinite(featureScale))) {
            throw new MgdException("feature_scale must be a positive number, got " + featureScale);
        }
        if (classes != null && classes < 1) {
            throw new MgdException("classes must be at least 1, got " + classes);
        }
    }
}
