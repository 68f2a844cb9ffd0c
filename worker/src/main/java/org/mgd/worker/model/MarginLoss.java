package org.mgd.worker.model;

import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Minus the smooth margin {@code s z_y − logsumexp_{c≠y} s z_c}, weighted by the label row's
 * total: the {@code target_margin} objective, whose gradient the metagradient starts from.
 */
public final class MarginLoss extends RowLoss {
    private static final long serialVersionUID = 1L;

    public MarginLoss() {
        this(1.0);
    }

    public MarginLoss(@JsonProperty("outputScale") double outputScale) {
        super(outputScale);
    }

    @Override
    protected double row(double[] z, double[] y, int off, int classes, double scale, double[] grad) {
        int label = 0;
        double weight = 0;
        for (int c = 0; c < classes; c++) {
            weight += y[off + c];
            if (y[off + c] > y[off + label]) {
                label = c;
            }
        }
        double margin = SoftmaxCrossEntropy.margin(z, off, classes, label, scale, grad);
        if (grad != null) {
            for (int c = 0; c < classes; c++) {
                grad[off + c] *= -weight;
            }
        }
        return -weight * margin;
    }

    @Override
    public String name() {
        return "MarginLoss(outputScale=" + getOutputScale() + ")";
    }
}
