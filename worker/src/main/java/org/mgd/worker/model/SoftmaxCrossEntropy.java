package org.mgd.worker.model;

/**
 * Softmax cross-entropy of scaled logits, one example at a time, in plain float64 Java: small,
 * exact and the same on every backend. A label row may carry any non-negative mass; its total is
 * the example's weight, so {@code w * onehot(y)} gives the loss {@code w * CE} and its exact
 * gradient.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    /**
     * Loss of one example with logits {@code scale * z[off .. off+classes)} against label mass
     * {@code y[off ..]}; writes dLoss/dz into {@code grad} (same offsets) unless it is null.
     */
    public static double loss(double[] z, double[] y, int off, int classes, double scale, double[] grad) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, scale * z[off + c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += Math.exp(scale * z[off + c] - max);
        }
        double logSum = max + Math.log(sum);
        double loss = 0;
        double weight = 0;
        for (int c = 0; c < classes; c++) {
            double yc = y[off + c];
            if (yc != 0) {
                loss -= yc * (scale * z[off + c] - logSum);
            }
            weight += yc;
        }
        if (grad != null) {
            for (int c = 0; c < classes; c++) {
                double p = Math.exp(scale * z[off + c] - logSum);
                grad[off + c] = scale * (weight * p - y[off + c]);
            }
        }
        return loss;
    }

    /**
     * The smooth margin {@code s*z_y - logsumexp_{c != y} s*z_c} of one example; writes
     * d(margin)/dz into {@code grad} (same offsets) unless it is null.
     */
    public static double margin(double[] z, int off, int classes, int label, double scale, double[] grad) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            if (c != label) {
                max = Math.max(max, scale * z[off + c]);
            }
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            if (c != label) {
                sum += Math.exp(scale * z[off + c] - max);
            }
        }
        double logSum = max + Math.log(sum);
        if (grad != null) {
            for (int c = 0; c < classes; c++) {
                grad[off + c] = c == label ? scale : -scale * Math.exp(scale * z[off + c] - logSum);
            }
        }
        return scale * z[off + label] - logSum;
    }
}
