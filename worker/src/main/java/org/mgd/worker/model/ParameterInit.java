package org.mgd.worker.model;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Initial parameters from the project's own seeded generator, not ND4J's RNG (whose seed 0 is
 * not reproducible): weights ~ N(0, 1/fan_in) (LeCun normal, right for tanh-like units), biases 0.
 * Same init_seed, same bits, in any JVM.
 */
public final class ParameterInit {
    private ParameterInit() {}

    public static void apply(MultiLayerNetwork net, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Layer layer : net.getLayers()) {
            for (var entry : layer.paramTable().entrySet()) {
                INDArray view = entry.getValue();
                double[] values = new double[(int) view.length()];
                if (entry.getKey().equals("W")) {
                    double std = 1.0 / Math.sqrt(view.size(0));
                    for (int i = 0; i < values.length; i++) {
                        values[i] = std * gaussian(random);
                    }
                }
                view.assign(Nd4j.create(values, view.shape(), view.ordering()));
            }
        }
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
