package org.mgd.worker.metagrad;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mgd.worker.train.MinibatchLoss;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradient-VJP {@code u ↦ (H u, (∂g/∂z)ᵀ u)} of a minibatch loss, by central differences of
 * DL4J's exact float64 gradients at {@code θ ± εu}: DL4J has no double backward, and in float64
 * this is ~1e-9 accurate for smooth activations (see {@link #DEFAULT_RELATIVE_STEP}) (forward differences are 10^4 worse; float32 is
 * unusable). The same two evaluations give each example's loss slope {@code ⟨∇ℓ_i, u⟩} and the
 * input-gradient slope {@code (w_i/|B|) ∇_x⟨∇ℓ_i, u⟩} that data weights and inputs need.
 */
public final class GradientVjp {
    /**
     * The finite-difference step moves θ by this fraction of max(‖θ‖, 1). Measured against the
     * exact oracle: at 1e-4 truncation error reached 1.5e-7; at 1e-5, ≤ 2e-9; below 1e-6
     * cancellation takes over.
     */
    public static final double DEFAULT_RELATIVE_STEP = 1e-5;
    private static final int MAX_SHRINKS = 4;

    private final MinibatchLoss loss;
    private final double relativeStep;
    private final boolean piecewiseLinear;

    /**
     * @param piecewiseLinear the activation has kinks (ReLU): then ε shrinks until both points
     *     share one activation pattern, since a difference across a kink is not a derivative.
     */
    public GradientVjp(MinibatchLoss loss, double relativeStep, boolean piecewiseLinear) {
        this.loss = loss;
        this.relativeStep = relativeStep;
        this.piecewiseLinear = piecewiseLinear;
    }

    /** What one gradient-VJP yields; the slopes are null unless asked for. */
    public record Result(double[] hu, double[] exampleLossSlopes, double[] inputSlopes) {

        /** The same with {@code more} added to the input slopes (another route from the step to x). */
        Result plusInputSlopes(double[] more) {
            if (more == null) {
                return this;
            }
            double[] sum = inputSlopes.clone();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += more[i];
            }
            return new Result(hu, exampleLossSlopes, sum);
        }
    }

    /** Evaluates at θ ± εu; counts as two gradient evaluations. */
    public Result apply(double[] theta, int[] batch, double[] u, boolean exampleLosses, boolean inputs) {
        int n = theta.length;
        double uNorm = norm(u);
        int d = loss.data().featureCount();
        if (uNorm == 0) {
            return new Result(new double[n], exampleLosses ? new double[batch.length] : null,
                    inputs ? new double[batch.length * d] : null);
        }
        double eps = relativeStep * Math.max(norm(theta), 1.0) / uNorm;
        double[] plus = new double[n];
        double[] minus = new double[n];
        for (int shrink = 0; ; shrink++) {
            for (int i = 0; i < n; i++) {
                plus[i] = theta[i] + eps * u[i];
                minus[i] = theta[i] - eps * u[i];
            }
            if (!piecewiseLinear || shrink == MAX_SHRINKS || samePattern(plus, minus, batch)) {
                break;
            }
            eps /= 10;
        }
        double[] gPlus = new double[n];
        double[] gMinus = new double[n];
        double[] lPlus = exampleLosses ? new double[batch.length] : null;
        double[] lMinus = exampleLosses ? new double[batch.length] : null;
        double[] xPlus = inputs ? new double[batch.length * d] : null;
        double[] xMinus = inputs ? new double[batch.length * d] : null;
        loss.gradientAndExtras(plus, batch, gPlus, lPlus, xPlus);
        loss.gradientAndExtras(minus, batch, gMinus, lMinus, xMinus);
        double inv = 1.0 / (2 * eps);
        return new Result(difference(gPlus, gMinus, inv), exampleLosses ? difference(lPlus, lMinus, inv) : null,
                inputs ? difference(xPlus, xMinus, inv) : null);
    }

    private static double[] difference(double[] a, double[] b, double scale) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (a[i] - b[i]) * scale;
        }
        return out;
    }

    static double norm(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /**
     * Whether every hidden unit is on the same side of zero at both points (ReLU nets), in training
     * mode as the gradient sees them (BatchNorm with batch statistics).
     */
    private boolean samePattern(double[] plus, double[] minus, int[] batch) {
        MultiLayerNetwork net = loss.network();
        INDArray x = loss.features(batch);
        loss.load(plus);
        List<INDArray> a = net.feedForward(x, true);
        boolean[][] on = new boolean[a.size()][];
        for (int l = 1; l < a.size() - 1; l++) {
            double[] v = a.get(l).dup('c').data().asDouble();
            on[l] = new boolean[v.length];
            for (int i = 0; i < v.length; i++) {
                on[l][i] = v[i] > 0;
            }
        }
        loss.load(minus);
        List<INDArray> b = net.feedForward(x, true);
        for (int l = 1; l < b.size() - 1; l++) {
            double[] v = b.get(l).dup('c').data().asDouble();
            for (int i = 0; i < v.length; i++) {
                if ((v[i] > 0) != on[l][i]) {
                    return false;
                }
            }
        }
        return true;
    }
}
