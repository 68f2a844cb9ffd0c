package org.mgd.common.data;

import java.io.Serializable;
import java.util.Arrays;
import org.mgd.common.MgdException;

/**
 * Labelled examples in memory: features row-major ({@code size × featureCount}, scaled to [0,1])
 * and integer labels in {@code [0, classes)}. {@code shape} is the shape of one example
 * ({@code [featureCount]} for tables, {@code [channels, height, width]} for images) so that
 * convolutional models can read it back.
 */
public final class Dataset implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] features;
    private final int[] labels;
    private final int classes;
    private final int[] shape;
    private final int featureCount;

    public Dataset(double[] features, int[] labels, int classes, int[] shape) {
        this.featureCount = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (featureCount <= 0 || features.length != (long) labels.length * featureCount) {
            throw new IllegalArgumentException("features length " + features.length + " != "
                    + labels.length + " examples x " + featureCount + " features");
        }
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new MgdException("label " + label + " outside [0, " + classes + ")");
            }
        }
        this.features = features;
        this.labels = labels;
        this.classes = classes;
        this.shape = shape.clone();
    }

    public int size() {
        return labels.length;
    }

    public int featureCount() {
        return featureCount;
    }

    public int classes() {
        return classes;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int label(int i) {
        return labels[i];
    }

    /** The backing array; callers must not modify it. */
    public double[] features() {
        return features;
    }

    /** The backing array; callers must not modify it. */
    public int[] labels() {
        return labels;
    }

    public double feature(int example, int j) {
        return features[example * featureCount + j];
    }

    /** The examples at {@code indices}, in that order. */
    public Dataset select(int[] indices) {
        double[] f = new double[indices.length * featureCount];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(features, indices[k] * featureCount, f, k * featureCount, featureCount);
            l[k] = labels[indices[k]];
        }
        return new Dataset(f, l, classes, shape);
    }

    /** A copy whose examples at {@code indices} have the given features (row-major). */
    public Dataset withFeatures(int[] indices, double[] replacement) {
        if (replacement.length != (long) indices.length * featureCount) {
            throw new IllegalArgumentException("replacement has " + replacement.length + " values, expected "
                    + indices.length + " x " + featureCount);
        }
        double[] f = features.clone();
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(replacement, k * featureCount, f, indices[k] * featureCount, featureCount);
        }
        return new Dataset(f, labels, classes, shape);
    }
}
