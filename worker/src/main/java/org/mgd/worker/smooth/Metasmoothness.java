package org.mgd.worker.smooth;

/**
 * The paper's empirical metasmoothness score of three training runs at {@code z}, {@code z+hv}
 * and {@code z+2hv} that ended at θ₀, θ_h and θ_2h. With {@code d = |θ_2h − θ₀|} (elementwise),
 * <pre>
 *   Ŝ = Σ_i (d_i / ‖d‖₁) · sign(θ_h − θ₀)_i · sign(θ_2h − θ_h)_i   ∈ [−1, 1]
 * </pre>
 * 1: every coordinate kept moving the same way over both halves of the step (training is locally
 * smooth in z, so metagradients are informative); −1: every coordinate reversed. Coordinates are
 * weighted by how far they moved in all. Pure: no training here.
 */
public final class Metasmoothness {
    private Metasmoothness() {}

    /**
     * Ŝ of the three final parameter vectors; NaN when θ_2h = θ₀ exactly (nothing moved, so
     * there is nothing to score).
     */
    public static double score(double[] t0, double[] th, double[] t2h) {
        if (t0.length != th.length || t0.length != t2h.length) {
            throw new IllegalArgumentException("parameter vectors differ in length: " + t0.length + ", " + th.length
                    + ", " + t2h.length);
        }
        double total = 0;
        double agreeing = 0;
        for (int i = 0; i < t0.length; i++) {
            double d = Math.abs(t2h[i] - t0[i]);
            total += d;
            agreeing += d * Math.signum(th[i] - t0[i]) * Math.signum(t2h[i] - th[i]);
        }
        return total == 0 ? Double.NaN : agreeing / total;
    }

    /** Mean, sample standard deviation (0 for one value), min and max of some scores. */
    public record Summary(double mean, double std, double min, double max, int count) implements java.io.Serializable {
        public static Summary of(double[] xs) {
            if (xs.length == 0) {
                return new Summary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
            }
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double x : xs) {
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            double mean = sum / xs.length;
            double ss = 0;
            for (double x : xs) {
                ss += (x - mean) * (x - mean);
            }
            double std = xs.length > 1 ? Math.sqrt(ss / (xs.length - 1)) : 0;
            return new Summary(mean, std, min, max, xs.length);
        }
    }
}
