package org.mgd.worker.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GELU as {@code x Φ(x)}, with its true derivative {@code Φ(x) + x φ(x)}. DL4J 1.0.0-M2.1's
 * "precise" GELU is neither: its forward misplaces the cube of the tanh approximation, and its
 * backward is not the derivative of its forward (measured: 4e-5 relative off), which would make
 * the "gradient" non-conservative and the finite-difference Hessian meaningless.
 */
public final class ExactGelu extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;
    private static final double INV_SQRT_2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    static double cdf(double x) {
        return 0.5 * Erf.erfc(-x * INV_SQRT_2);
    }

    static double value(double x) {
        return x * cdf(x);
    }

    static double derivative(double x) {
        return cdf(x) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        double[] x = in.dup('c').data().asDouble();
        for (int i = 0; i < x.length; i++) {
            x[i] = value(x[i]);
        }
        return in.assign(Nd4j.create(x, in.shape(), 'c'));
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        double[] x = in.dup('c').data().asDouble();
        double[] e = epsilon.dup('c').data().asDouble();
        for (int i = 0; i < x.length; i++) {
            x[i] = e[i] * derivative(x[i]);
        }
        return new Pair<>(in.assign(Nd4j.create(x, in.shape(), 'c')), null);
    }

    @Override
    public String toString() {
        return "gelu(x Φ(x))";
    }
}
