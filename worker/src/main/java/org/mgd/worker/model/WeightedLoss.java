package org.mgd.worker.model;

import org.nd4j.shade.jackson.annotation.JsonProperty;

/** The training loss: per-example weighted softmax cross-entropy of the scaled logits. */
public final class WeightedLoss extends RowLoss {
    private static final long serialVersionUID = 1L;

    public WeightedLoss() {
        this(1.0);
    }

    public WeightedLoss(@JsonProperty("outputScale") double outputScale) {
        super(outputScale);
    }

    @Override
    protected double row(double[] z, double[] y, int off, int classes, double scale, double[] grad) {
        return SoftmaxCrossEntropy.loss(z, y, off, classes, scale, grad);
    }

    @Override
    public String name() {
        return "WeightedLoss(outputScale=" + getOutputScale() + ")";
    }
}
