package org.mgd.worker.oracle;

/**
 * What DL4J 1.0.0-M2.1's {@code ActivationGELU(true)} ("precise") actually computes, reproduced
 * to the last bit (pinned by {@code ExactMlpActivationsTest}). It is why the project builds its
 * GELU layers with its own {@code org.mgd.worker.model.ExactGelu} instead: DL4J's is <em>not</em>
 * the erf GELU {@code x Φ(x)}, and its backward is not the derivative of its forward:
 * <ul>
 *   <li>forward (libnd4j {@code PreciseGELU}): the tanh approximation with the cube misplaced,
 *       {@code f(x) = x/2 · (1 + tanh(k (x + (c x)³)))}, {@code k = √(2/π)}, {@code c = 0.044715}
 *       (the usual approximation has {@code c x³});</li>
 *   <li>backward (libnd4j {@code PreciseGELUDerivative}): the slope
 *       {@code g(x) = 1/2 + (a x + (b x)³) sech²(A) + tanh(A)/2}, {@code A = p x + (q x)³}, with
 *       rounded constants {@code p = 0.797885}, {@code q = 0.0356774}, {@code a = 0.398942},
 *       {@code b = 0.0535161}; it is not {@code f'} (off by about 1e-4).</li>
 * </ul>
 * A network on it would have a "gradient" that is not the gradient of its loss, and a
 * finite-difference Hessian that is not symmetric. Test use only: nothing runs DL4J's GELU.
 */
final class Dl4jGelu {
    private static final double K = Math.sqrt(2 / Math.PI);
    private static final double C3 = 0.044715 * 0.044715 * 0.044715;
    private static final double P = 0.797885;
    private static final double Q3 = 0.0356774 * 0.0356774 * 0.0356774;
    private static final double A = 0.398942;
    private static final double B3 = 0.0535161 * 0.0535161 * 0.0535161;

    private Dl4jGelu() {}

    /** DL4J's forward. */
    static double value(double x) {
        return 0.5 * x * (1 + Math.tanh(K * (x + C3 * x * x * x)));
    }

    /** The true derivative of DL4J's forward. */
    static double derivative(double x) {
        double t = Math.tanh(K * (x + C3 * x * x * x));
        double du = K * (1 + 3 * C3 * x * x);
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du;
    }

    /** The factor DL4J's backward applies instead of {@link #derivative}. */
    static double slope(double x) {
        double arg = P * x + Q3 * x * x * x;
        double t = Math.tanh(arg);
        double sech2 = 1 - t * t;
        return 0.5 + (A * x + B3 * x * x * x) * sech2 + 0.5 * t;
    }
}
