package org.mgd.worker.model;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Initial parameters from the project's own seeded generator, not ND4J's RNG (whose seed 0 is
 * not reproducible): weights ~ N(0, 1/fan_in) (LeCun normal, right for tanh-like units), biases 0,
 * BatchNorm scale 1, shift 0, running mean 0 and variance 1. Same init_seed, same bits, in any JVM.
 */
public final class ParameterInit {
    private ParameterInit() {}

    public static void apply(MultiLayerNetwork net, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Layer layer : net.getLayers()) {
            for (var entry : layer.paramTable().entrySet()) {
                INDArray view = entry.getValue();
                double[] values = new double[(int) view.length()];
                switch (entry.getKey()) {
                    case "W" -> {
                        double std = 1.0 / Math.sqrt(fanIn(view));
                        for (int i = 0; i < values.length; i++) {
                            values[i] = std * gaussian(random);
                        }
                    }
                    case "gamma", "var" -> java.util.Arrays.fill(values, 1.0);
                    default -> { }
                }
                view.assign(Nd4j.create(values, view.shape(), view.ordering()));
            }
        }
    }

    /** Dense weights are [nIn, nOut]; convolution weights [nOut, nIn, kH, kW]. */
    private static long fanIn(INDArray w) {
        if (w.rank() == 4) {
            return w.size(1) * w.size(2) * w.size(3);
        }
        return w.size(0);
    }

    /** Box-Muller on the generator's doubles: defined here, so no JDK version changes the bits. */
    static double gaussian(SplittableRandom random) {
        double u1;
        do {
            u1 = random.nextDouble();
        } while (u1 == 0);
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
