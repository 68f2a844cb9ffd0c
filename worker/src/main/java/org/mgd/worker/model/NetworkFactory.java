package org.mgd.worker.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mgd.common.MgdException;
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

    /** BatchNorm's running averages: {@code r ← decay·r + (1 − decay)·batch statistic}. */
    public static final double BATCHNORM_DECAY = 0.9;

    public static MultiLayerNetwork build(ModelSpec spec, int inputs, int classes) {
        return build(spec, new int[] {inputs}, classes, new WeightedLoss(spec.outputScale()));
    }

    public static MultiLayerNetwork build(ModelSpec spec, int[] shape, int classes) {
        return build(spec, shape, classes, new WeightedLoss(spec.outputScale()));
    }

    /** The same architecture and parameter layout with another output loss (for objectives). */
    public static MultiLayerNetwork build(ModelSpec spec, int[] shape, int classes, RowLoss loss) {
        Float64.ensure();
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .convolutionMode(ConvolutionMode.Same)
                .list();
        IActivation act = activation(spec.activation());
        int inputs = 1;
        for (int d : shape) {
            inputs *= d;
        }
        if (spec.type() == ModelSpec.Type.CNN) {
            if (shape.length != 3) {
                throw new MgdException("model.type cnn needs image data (channels x height x width); these examples are "
                        + inputs + " plain features");
            }
            int height = shape[1];
            int width = shape[2];
            for (int channels : spec.conv()) {
                boolean bnBefore = spec.batchnorm() == ModelSpec.BatchNorm.BEFORE;
                layers.layer(new ConvolutionLayer.Builder(spec.kernel(), spec.kernel()).nOut(spec.scaled(channels))
                        .activation(bnBefore ? Activation.IDENTITY.getActivationFunction() : act).build());
                normaliseAndActivate(layers, spec, act);
                if (height >= 2 && width >= 2) {
                    layers.layer(new SubsamplingLayer.Builder(spec.pool() == ModelSpec.Pooling.MAX
                            ? PoolingType.MAX : PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build());
                    height = (height + 1) / 2;
                    width = (width + 1) / 2;
                }
            }
        }
        for (int hidden : spec.hidden()) {
            boolean bnBefore = spec.batchnorm() == ModelSpec.BatchNorm.BEFORE;
            layers.layer(new DenseLayer.Builder().nOut(spec.scaled(hidden))
                    .activation(bnBefore ? Activation.IDENTITY.getActivationFunction() : act).build());
            normaliseAndActivate(layers, spec, act);
        }
        layers.layer(new OutputLayer.Builder(loss).nOut(classes).activation(Activation.IDENTITY).build());
        layers.setInputType(spec.type() == ModelSpec.Type.CNN
                ? InputType.convolutionalFlat(shape[1], shape[2], shape[0])
                : InputType.feedForward(inputs));
        MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
        net.init();
        ParameterInit.apply(net, spec.initSeed());
        return net;
    }

    /** BatchNorm before the activation (then a separate activation layer) or after it, or none. */
    private static void normaliseAndActivate(NeuralNetConfiguration.ListBuilder layers, ModelSpec spec,
                                             IActivation act) {
        switch (spec.batchnorm()) {
            case BEFORE -> {
                layers.layer(batchNorm());
                layers.layer(new ActivationLayer.Builder().activation(act).build());
            }
            case AFTER -> layers.layer(batchNorm());
            case NONE -> { }
        }
    }

    private static BatchNormalization batchNorm() {
        return new BatchNormalization.Builder().decay(BATCHNORM_DECAY).eps(1e-5).useLogStd(false).build();
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

    /** The layer widths from input to output, e.g. 64-32-10, or 1x8x8-c16-c32-32-10 for a CNN. */
    public static String describe(ModelSpec spec, int[] shape, int classes) {
        StringBuilder b = new StringBuilder();
        if (spec.type() == ModelSpec.Type.CNN) {
            b.append(shape[0]).append('x').append(shape[1]).append('x').append(shape[2]);
            for (int c : spec.conv()) {
                b.append("-c").append(spec.scaled(c));
            }
        } else {
            int inputs = 1;
            for (int d : shape) {
                inputs *= d;
            }
            b.append(inputs);
        }
        for (int h : spec.hidden()) {
            b.append('-').append(spec.scaled(h));
        }
        return b.append('-').append(classes).toString();
    }
}
