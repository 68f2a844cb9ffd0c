package org.mgd.worker.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's forward and backward passes one layer at a time (input preprocessors included), for the
 * derivatives its whole-network pass cannot give: the loss with BatchNorm in inference mode (DL4J's
 * BatchNorm backprop assumes batch statistics), and gradients of quantities that sit mid-network
 * (BatchNorm's batch statistics). Arrays stay outside workspaces; each layer's parameter gradient
 * lands in the network's flat gradient view, which {@link #forward} zeroes first.
 */
final class LayerByLayer {
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    private final MultiLayerNetwork net;
    private final int examples;
    /** inputs[i]: what layer i saw (after its preprocessor); inputs[count]: the last layer's output. */
    private final INDArray[] inputs;

    private LayerByLayer(MultiLayerNetwork net, int examples, INDArray[] inputs) {
        this.net = net;
        this.examples = examples;
        this.inputs = inputs;
    }

    /**
     * Runs layers {@code 0 .. count-1} on {@code x}; BatchNorm normalises by the batch's statistics
     * or by its running ones. Every other layer runs in training mode, which computes the same for
     * the project's layers (no dropout) and keeps the input backprop needs: in inference mode DL4J's
     * ActivationLayer overwrites its input with its output.
     */
    static LayerByLayer forward(MultiLayerNetwork net, INDArray x, int count, boolean batchStatistics) {
        if (net.getFlattenedGradients() == null) {
            net.initGradientsView();
        }
        net.getFlattenedGradients().assign(0);
        int n = (int) x.size(0);
        INDArray[] inputs = new INDArray[count + 1];
        INDArray a = x;
        for (int i = 0; i < count; i++) {
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pre != null) {
                a = pre.preProcess(a, n, NO_WORKSPACES);
            }
            inputs[i] = a;
            Layer layer = net.getLayer(i);
            layer.setInputMiniBatchSize(n);
            a = layer.activate(a, !(layer instanceof BatchNormalization) || batchStatistics, NO_WORKSPACES);
        }
        inputs[count] = a;
        return new LayerByLayer(net, n, inputs);
    }

    /** Layer i's input as the layer saw it (after its preprocessor). */
    INDArray input(int i) {
        return inputs[i];
    }

    /** The last layer's output. */
    INDArray output() {
        return inputs[inputs.length - 1];
    }

    /** DL4J's own backprop through layer i: ∂/∂(its output) to ∂/∂(its input before preprocessing). */
    INDArray backprop(int i, INDArray epsilon) {
        return beforePreprocessor(i, throughLayer(i, epsilon));
    }

    /** DL4J's own backprop through layer i alone: ∂/∂(its output) to ∂/∂(its input as it saw it). */
    INDArray throughLayer(int i, INDArray epsilon) {
        return net.getLayer(i).backpropGradient(epsilon, NO_WORKSPACES).getSecond();
    }

    /** ∂/∂(layer i's input) to ∂/∂(what its preprocessor received). */
    INDArray beforePreprocessor(int i, INDArray epsilon) {
        InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
        return pre == null ? epsilon : pre.backprop(epsilon, examples, NO_WORKSPACES);
    }
}
