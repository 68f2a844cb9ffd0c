package org.mgd.worker.model;

/**
 * The error function to a few ulp, which Java lacks. Two expansions, each used where it converges
 * fast and without cancellation:
 * <ul>
 *   <li>{@code |x| < 2.5}: {@code erf x = (2/√π) e^{-x²} Σ_n (2x²)^n x / (1·3·…·(2n+1))}, a series of
 *       positive terms (unlike the alternating Taylor series, which loses digits near 2.5);</li>
 *   <li>{@code x ≥ 2.5}: the continued fraction
 *       {@code erfc x = (e^{-x²}/√π) / (x + (1/2)/(x + 1/(x + (3/2)/(x + …))))}, evaluated by
 *       modified Lentz, which keeps the small erfc relatively exact instead of {@code 1 - erf}.</li>
 * </ul>
 * Against 40-digit references on 6000 points of (0, 6): erf within 1.2e-15 relative, erfc within
 * 2.2e-15 relative from 2.5 on (below, erfc = 1 - erf is only good to ~1e-15 absolute).
 */
public final class Erf {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double SWITCH = 2.5;

    private Erf() {}

    public static double erf(double x) {
        if (x < 0) {
            return -erf(-x);
        }
        return x < SWITCH ? series(x) : 1 - continuedFraction(x);
    }

    public static double erfc(double x) {
        if (x < 0) {
            return 1 + erf(-x);
        }
        return x < SWITCH ? 1 - series(x) : continuedFraction(x);
    }

    /** erf for {@code 0 ≤ x < 2.5}. */
    private static double series(double x) {
        double twoX2 = 2 * x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= twoX2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * expMinusSquare(x) * sum;
    }

    /** erfc for {@code x ≥ 2.5}: {@code K = x + a_1/(x + a_2/(x + …))} with {@code a_k = k/2}. */
    private static double continuedFraction(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 5000; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = d == 0 ? tiny : d;
            c = x + a / c;
            c = c == 0 ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return expMinusSquare(x) / (Math.sqrt(Math.PI) * f);
    }

    /**
     * {@code e^{-x²}} without the rounding of {@code x²} (relative error x²·ulp, 4e-15 at x = 6):
     * {@code x² = p + e} exactly, with {@code e} from a fused multiply-add, and {@code e^{-e} ≈ 1 - e}.
     */
    private static double expMinusSquare(double x) {
        double p = x * x;
        double e = Math.fma(x, x, -p);
        return Math.exp(-p) * (1 - e);
    }
}
