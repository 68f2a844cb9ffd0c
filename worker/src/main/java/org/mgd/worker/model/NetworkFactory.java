package org.mgd.worker.model;


import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mgd.common.spec.ModelSpec;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Builds the float64 DL4J network a spec describes. DL4J only computes losses and gradients
 * here: the updater is a no-op and training is the project's own loop, so DL4J's own
 * regularisation, updaters and RNG-based initialisation are all left out.
 */
public final class NetworkFactory {
    private NetworkFactory() {}

    public static MultiLayerNetwork build(ModelSpec spec, int inputs, int classes) {
        return build(spec, inputs, classes, new WeightedLoss(spec.outputScale()));
    }

    /** The same architecture and parameter layout with another output loss (for objectives). */
    public static MultiLayerNetwork build(ModelSpec spec, int inputs, int classes, RowLoss loss) {
        Float64.ensure();
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        int width = inputs;
        int index = 0;
        for (int hidden : spec.hidden()) {
            layers.layer(index++, new DenseLayer.Builder().nIn(width).nOut(hidden)
                    .activation(activation(spec.activation())).build());
            width = hidden;
        }
        layers.layer(index, new OutputLayer.Builder(loss)
                .nIn(width).nOut(classes).activation(Activation.IDENTITY).build());
        MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
        net.init();
        ParameterInit.apply(net, spec.initSeed());
        return net;
    }

    static IActivation activation(ModelSpec.Activation a) {
        return switch (a) {
            case TANH -> Activation.TANH.getActivationFunction();
            case SOFTPLUS -> Activation.SOFTPLUS.getActivationFunction();
            // DL4J's own GELU has a backward pass that is not its forward's derivative.
            case GELU -> new ExactGelu();
            case SIGMOID -> Activation.SIGMOID.getActivationFunction();
            case RELU -> Activation.RELU.getActivationFunction();
        };
    }

    /** The layer widths from input to output, e.g. [64, 32, 10] (for messages and reports). */
    public static String describe(ModelSpec spec, int inputs, int classes) {
        StringBuilder b = new StringBuilder().append(inputs);
        for (int h : spec.hidden()) {
            b.append('-').append(h);
        }
        return b.append('-').append(classes).toString();
    }

}
