package org.mgd.worker.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * An output-layer loss computed row by row in float64 Java on {@code outputScale * z}, where the
 * total of an example's label row is its weight ({@code w_i * onehot(y_i)}): weights then reach
 * the score, the gradient, the input gradient and {@code scoreExamples} alike, and the loss stays
 * stateless. (DL4J's labels mask cannot do this: it weights the wrong thing.) The output layer's
 * activation must be identity: the softmax lives here.
 */
public abstract class RowLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    @JsonProperty("outputScale")
    private double outputScale;

    /**
     * The logits of the last evaluation, kept so that per-example losses (which the data-weight
     * metagradient needs at θ ± εu) come from the same forward pass as the gradient.
     */
    private transient double[] lastLogits;

    protected RowLoss(double outputScale) {
        this.outputScale = outputScale;
    }

    /**
     * One example's loss from its logits {@code z[off ..]} (to be multiplied by {@code scale}) and
     * its label mass {@code y[off ..]}; writes dLoss/dz into {@code grad} unless it is null.
     */
    protected abstract double row(double[] z, double[] y, int off, int classes, double scale, double[] grad);

    public double getOutputScale() {
        return outputScale;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return Nd4j.createFromArray(scores(labels, preOutput, activationFn, mask, null)).reshape(-1, 1);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double[] scores = scores(labels, preOutput, activationFn, mask, null);
        double sum = 0;
        for (double s : scores) {
            sum += s;
        }
        return average ? sum / scores.length : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        double[] grad = new double[(int) preOutput.length()];
        scores(labels, preOutput, activationFn, mask, grad);
        return Nd4j.create(grad, preOutput.shape(), 'c');
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        double[] grad = new double[(int) preOutput.length()];
        double[] scores = scores(labels, preOutput, activationFn, mask, grad);
        double sum = 0;
        for (double s : scores) {
            sum += s;
        }
        return Pair.of(average ? sum / scores.length : sum, Nd4j.create(grad, preOutput.shape(), 'c'));
    }

    private double[] scores(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                            double[] grad) {
        if (!(activationFn instanceof ActivationIdentity)) {
            throw new IllegalStateException("WeightedLoss applies the softmax itself: use an identity output activation");
        }
        int n = (int) preOutput.size(0);
        int classes = (int) preOutput.size(1);
        double[] z = preOutput.dup('c').data().asDouble();
        lastLogits = z;
        double[] y = labels.dup('c').data().asDouble();
        double[] m = mask == null ? null : mask.dup('c').data().asDouble();
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            int off = i * classes;
            scores[i] = row(z, y, off, classes, outputScale, grad);
            if (m != null) {
                double mi = m[m.length == n ? i : off];
                scores[i] *= mi;
                if (grad != null) {
                    for (int c = 0; c < classes; c++) {
                        grad[off + c] *= mi;
                    }
                }
            }
        }
        return scores;
    }

    /** The (unscaled) logits, row-major, of the last batch this loss saw. */
    public double[] lastLogits() {
        return lastLogits;
    }

    @Override
    public String toString() {
        return name();
    }
}
