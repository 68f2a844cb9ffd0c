package org.mgd.worker.model;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The mean loss of a network as it predicts (inference mode) and its exact gradient. With
 * BatchNorm the trained model normalises by its running statistics, so the loss depends on them
 * and the gradient has entries for them too. DL4J's BatchNorm backprop assumes batch statistics,
 * so BatchNorm layers are differentiated here (in inference mode each is the per-channel affine map
 * {@code y = γ(x − μ)/s + β}, {@code s = sqrt(σ² + eps)} as DL4J computes it); every other layer
 * by DL4J. Without BatchNorm this is the training-mode gradient. Not thread-safe.
 */
public final class InferenceLoss {
    private final MultiLayerNetwork net;
    private final RowLoss loss;
    private final Map<Integer, RunningStatistics.Slots> batchNorms = new HashMap<>();

    public InferenceLoss(MultiLayerNetwork net) {
        this.net = net;
        this.loss = (RowLoss) ((BaseOutputLayer<?>) net.getOutputLayer()).layerConf().getLossFn();
        for (RunningStatistics.Slots s : RunningStatistics.layers(net)) {
            batchNorms.put(s.layer(), s);
        }
    }

    /**
     * The mean loss at {@code theta} over the rows of {@code features} with label mass {@code labels};
     * its gradient (of the mean) is written to {@code grad}.
     */
    public double valueAndGradient(double[] theta, INDArray features, INDArray labels, double[] grad) {
        net.params().data().setData(theta);
        int count = net.getnLayers();
        LayerByLayer pass = LayerByLayer.forward(net, features, count, false);
        double value = loss.computeScore(labels, pass.output(), new ActivationIdentity(), null, true);
        ((IOutputLayer) net.getOutputLayer()).setLabels(labels);
        double[] batchNormGradient = new double[theta.length];
        INDArray epsilon = pass.backprop(count - 1, null);
        for (int i = count - 2; i >= 0; i--) {
            RunningStatistics.Slots bn = batchNorms.get(i);
            if (bn == null) {
                epsilon = pass.backprop(i, epsilon);
            } else {
                epsilon = pass.beforePreprocessor(i, backprop(bn, theta, pass.input(i), epsilon, batchNormGradient));
            }
        }
        double[] summed = net.getFlattenedGradients().dup('c').data().asDouble();
        // DL4J's views hold nothing meaningful for BatchNorm layers: it never ran their backprop.
        for (RunningStatistics.Slots bn : batchNorms.values()) {
            for (int start : new int[] {bn.gamma(), bn.beta(), bn.mean(), bn.variance()}) {
                System.arraycopy(batchNormGradient, start, summed, start, bn.channels());
            }
        }
        double scale = 1.0 / features.size(0);
        for (int i = 0; i < grad.length; i++) {
            grad[i] = summed[i] * scale;
        }
        return value;
    }

    /**
     * Inference-mode BatchNorm backprop: from ∂/∂y to ∂/∂x, adding ∂/∂γ, β, μ, σ² (summed over
     * the batch) at the layer's slots of {@code grad}.
     */
    private INDArray backprop(RunningStatistics.Slots bn, double[] theta, INDArray input, INDArray epsilon,
                              double[] grad) {
        Channels layout = Channels.of(input);
        double[] x = input.dup('c').data().asDouble();
        double[] e = epsilon.dup('c').data().asDouble();
        double eps = ((org.deeplearning4j.nn.conf.layers.BatchNormalization) net.getLayer(bn.layer()).conf()
                .getLayer()).getEps();
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = layout.channel(i);
            double s = Math.sqrt(theta[bn.variance() + c] + eps);
            double gamma = theta[bn.gamma() + c];
            double centred = x[i] - theta[bn.mean() + c];
            grad[bn.beta() + c] += e[i];
            grad[bn.gamma() + c] += e[i] * centred / s;
            grad[bn.mean() + c] -= e[i] * gamma / s;
            grad[bn.variance() + c] -= 0.5 * e[i] * gamma * centred / (s * s * s);
            dx[i] = e[i] * gamma / s;
        }
        return Nd4j.create(dx, input.shape(), 'c');
    }
}
