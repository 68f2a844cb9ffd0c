package org.mgd.worker.oracle;

import java.util.Arrays;
import org.mgd.common.spec.ModelSpec;

/**
 * A float64 reference for the networks {@code NetworkFactory} builds: dense layers with one
 * activation, then an identity output layer under the weighted softmax cross-entropy of
 * {@code outputScale · z}. Batch loss {@code L = (1/n) Σ_i w_i CE_i}, as {@code MinibatchLoss}.
 *
 * <p>Everything comes from one hand-written forward and backward pass over {@link Dual} numbers
 * whose tangents are a parameter direction {@code u}. The values are the loss and its gradients;
 * the tangents are their exact derivatives along {@code u}, so second-order quantities (H u, the
 * mixed input/parameter derivative) carry no finite-difference error at all: only roundoff.
 *
 * <p>Parameters use DL4J's flat layout: per layer, {@code W} ({@code nIn × nOut}, Fortran order:
 * {@code W[i][j]} at {@code i + j·nIn}), then {@code b} ({@code nOut}); {@code z = a W + b}.
 * Features are row-major {@code n × d}; {@code weights} may be null (all 1). Test use only: it
 * allocates freely and is meant for small nets and batches.
 */
public final class ExactMlp {
    private final int[] sizes;
    private final ScalarActivation activation;
    private final double outputScale;

    /**
     * The exact mathematics the spec names, GELU in its erf form {@code x Φ(x)} (what the
     * project's {@code ExactGelu} computes; DL4J's own GELU is something else, see {@link Dl4jGelu}).
     */
    public ExactMlp(int[] layerSizes, ModelSpec.Activation activation, double outputScale) {
        if (layerSizes.length < 2) {
            throw new IllegalArgumentException("need at least input and output sizes");
        }
        this.sizes = layerSizes.clone();
        this.activation = ScalarActivation.exact(activation);
        this.outputScale = outputScale;
    }

    public int parameterCount() {
        int count = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            count += sizes[l] * sizes[l + 1] + sizes[l + 1];
        }
        return count;
    }

    /** {@code L = (1/n) Σ_i w_i CE_i}. */
    public double loss(double[] theta, double[] x, int[] labels, double[] weights) {
        return pass(theta, null, x, labels, weights).loss.v();
    }

    /** {@code dL/dθ}. */
    public double[] gradient(double[] theta, double[] x, int[] labels, double[] weights) {
        return values(pass(theta, null, x, labels, weights).gradTheta);
    }

    /** {@code H u = d/dε ∇L(θ + ε u)}, exactly. */
    public double[] hvp(double[] theta, double[] x, int[] labels, double[] weights, double[] u) {
        return tangents(pass(theta, u, x, labels, weights).gradTheta);
    }

    /** For each example, {@code <∇_θ CE_i, u>} of its unweighted loss (the data-weight metagradient's need). */
    public double[] exampleLossDirectional(double[] theta, double[] x, int[] labels, double[] u) {
        return tangents(pass(theta, u, x, labels, null).exampleLoss);
    }

    /** {@code dL/dx}, row-major {@code n × d}. */
    public double[] inputGradient(double[] theta, double[] x, int[] labels, double[] weights) {
        return values(pass(theta, null, x, labels, weights).gradX);
    }

    /** {@code d/dε (dL/dx)(θ + ε u)}: the mixed second derivative along {@code u}, row-major {@code n × d}. */
    public double[] inputHvp(double[] theta, double[] x, int[] labels, double[] weights, double[] u) {
        return tangents(pass(theta, u, x, labels, weights).gradX);
    }

    /** The outputs of one pass, each a value with its derivative along the parameter direction. */
    private record Pass(Dual loss, Dual[] exampleLoss, Dual[] gradTheta, Dual[] gradX) {}

    private Pass pass(double[] theta, double[] direction, double[] x, int[] labels, double[] weights) {
        int n = labels.length;
        int d = sizes[0];
        int layers = sizes.length - 1;
        check(theta.length == parameterCount(), "theta has " + theta.length + " entries, expected " + parameterCount());
        check(direction == null || direction.length == theta.length, "direction length != theta length");
        check(x.length == n * d, "features length " + x.length + " != " + n + " x " + d);
        check(weights == null || weights.length == n, "weights length != batch size");

        // Parameters as duals: the tangent is the direction (zero when there is none).
        Dual[] params = new Dual[theta.length];
        for (int k = 0; k < theta.length; k++) {
            params[k] = new Dual(theta[k], direction == null ? 0 : direction[k]);
        }
        int[] offset = new int[layers];
        for (int l = 1; l < layers; l++) {
            offset[l] = offset[l - 1] + sizes[l - 1] * sizes[l] + sizes[l];
        }

        // Forward: pre[l] is layer l's input to its nonlinearity, out[l] its output (out[0] = x).
        Dual[][][] out = new Dual[layers + 1][][];
        Dual[][][] pre = new Dual[layers + 1][][];
        out[0] = new Dual[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[0][i][j] = Dual.constant(x[i * d + j]);
            }
        }
        for (int l = 0; l < layers; l++) {
            pre[l + 1] = affine(out[l], params, offset[l], sizes[l], sizes[l + 1]);
            boolean hidden = l + 1 < layers;
            out[l + 1] = hidden ? map(pre[l + 1]) : pre[l + 1];
        }

        // Loss, and dL/dz at the output layer.
        int classes = sizes[layers];
        Dual[] exampleLoss = new Dual[n];
        Dual loss = Dual.ZERO;
        Dual[][] delta = new Dual[n][];
        for (int i = 0; i < n; i++) {
            double w = weights == null ? 1 : weights[i];
            Dual[] p = new Dual[classes];
            exampleLoss[i] = crossEntropy(out[layers][i], labels[i], p);
            loss = loss.plus(exampleLoss[i].times(w / n));
            // d(w CE / n)/dz_c = (w/n) s (p_c - [c = y])
            delta[i] = new Dual[classes];
            for (int c = 0; c < classes; c++) {
                Dual r = c == labels[i] ? p[c].minus(Dual.constant(1)) : p[c];
                delta[i][c] = r.times(w * outputScale / n);
            }
        }

        // Backward: delta holds dL/d(pre) of layer l+1; it turns into the parameter gradient and
        // then, through W and the activation's derivative, into dL/d(pre) of layer l.
        Dual[] gradTheta = new Dual[theta.length];
        for (int l = layers - 1; l >= 0; l--) {
            int nIn = sizes[l];
            int nOut = sizes[l + 1];
            int off = offset[l];
            for (int j = 0; j < nOut; j++) {
                Dual gb = Dual.ZERO;
                for (int i = 0; i < n; i++) {
                    gb = gb.plus(delta[i][j]);
                }
                gradTheta[off + nIn * nOut + j] = gb;
                for (int k = 0; k < nIn; k++) {
                    Dual gw = Dual.ZERO;
                    for (int i = 0; i < n; i++) {
                        gw = gw.plus(out[l][i][k].times(delta[i][j]));
                    }
                    gradTheta[off + k + j * nIn] = gw;
                }
            }
            Dual[][] back = new Dual[n][nIn];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < nIn; k++) {
                    Dual s = Dual.ZERO;
                    for (int j = 0; j < nOut; j++) {
                        s = s.plus(delta[i][j].times(params[off + k + j * nIn]));
                    }
                    // Below layer 0 there is no activation: what arrives is dL/dx.
                    back[i][k] = l > 0 ? s.times(activation.derivative(pre[l][i][k])) : s;
                }
            }
            delta = back;
        }
        Dual[] gradX = new Dual[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(delta[i], 0, gradX, i * d, d);
        }
        return new Pass(loss, exampleLoss, gradTheta, gradX);
    }

    /** {@code a W + b} for each row {@code a}, reading W and b from DL4J's flat layout at {@code off}. */
    private static Dual[][] affine(Dual[][] a, Dual[] params, int off, int nIn, int nOut) {
        Dual[][] z = new Dual[a.length][nOut];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < nOut; j++) {
                Dual s = params[off + nIn * nOut + j];
                for (int k = 0; k < nIn; k++) {
                    s = s.plus(a[i][k].times(params[off + k + j * nIn]));
                }
                z[i][j] = s;
            }
        }
        return z;
    }

    private Dual[][] map(Dual[][] z) {
        Dual[][] a = new Dual[z.length][];
        for (int i = 0; i < z.length; i++) {
            a[i] = new Dual[z[i].length];
            for (int j = 0; j < z[i].length; j++) {
                a[i][j] = activation.value(z[i][j]);
            }
        }
        return a;
    }

    /**
     * Unweighted {@code CE = logsumexp(s z) - s z_y}; writes the softmax of {@code s z} into
     * {@code p}. The max is shifted out as a constant: it cancels exactly, tangents included.
     */
    private Dual crossEntropy(Dual[] z, int label, Dual[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (Dual zc : z) {
            max = Math.max(max, outputScale * zc.v());
        }
        Dual sum = Dual.ZERO;
        for (Dual zc : z) {
            sum = sum.plus(zc.times(outputScale).minus(Dual.constant(max)).exp());
        }
        Dual logSum = sum.log().plus(Dual.constant(max));
        for (int c = 0; c < z.length; c++) {
            p[c] = z[c].times(outputScale).minus(logSum).exp();
        }
        return logSum.minus(z[label].times(outputScale));
    }

    private static double[] values(Dual[] a) {
        return Arrays.stream(a).mapToDouble(Dual::v).toArray();
    }

    private static double[] tangents(Dual[] a) {
        return Arrays.stream(a).mapToDouble(Dual::t).toArray();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
