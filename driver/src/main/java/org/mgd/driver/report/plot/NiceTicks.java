package org.mgd.driver.report.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tick positions at "nice" numbers (1, 2 or 5 times a power of ten) and labels for them that are
 * as short as the tick spacing allows.
 */
final class NiceTicks {
    private static final double[] NICE = {1, 2, 5, 10};

    private NiceTicks() {
    }

    /** At most {@code maxTicks} (at least 2) evenly spaced nice values within [lo, hi]. */
    static double[] linear(double lo, double hi, int maxTicks) {
        double step = step(hi - lo, Math.max(2, maxTicks));
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        List<Double> ticks = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            ticks.add(k * step + 0.0); // + 0.0 turns -0.0 into 0.0
        }
        return unbox(ticks);
    }

    /** The smallest nice step that puts at most {@code maxTicks} ticks on a range this long. */
    static double step(double range, int maxTicks) {
        double raw = range / (maxTicks - 1);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : NICE) {
            if (m * magnitude >= raw * (1 - 1e-9)) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /**
     * Powers of ten (with 2 and 5 between them when there is room, every k-th power when decades
     * are many). A range narrower than one decade falls back to linear nice ticks.
     */
    static double[] log(double lo, double hi, int maxTicks) {
        maxTicks = Math.max(2, maxTicks);
        int e0 = (int) Math.floor(Math.log10(lo));
        int e1 = (int) Math.ceil(Math.log10(hi));
        double[] dense = logTicks(lo, hi, e0, e1, new double[] {1, 2, 5}, 1);
        if (dense.length <= maxTicks) {
            return dense.length >= 2 ? dense : linear(lo, hi, maxTicks);
        }
        for (int stride = 1; ; stride++) {
            double[] powers = logTicks(lo, hi, e0, e1, new double[] {1}, stride);
            if (powers.length <= maxTicks) {
                return powers;
            }
        }
    }

    private static double[] logTicks(double lo, double hi, int e0, int e1, double[] mantissas, int stride) {
        List<Double> ticks = new ArrayList<>();
        for (int e = e0; e <= e1; e++) {
            if (Math.floorMod(e, stride) != 0) {
                continue;
            }
            for (double m : mantissas) {
                double v = Double.parseDouble(m + "e" + e); // exact decimal, unlike m * Math.pow(10, e)
                if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                    ticks.add(v);
                }
            }
        }
        return unbox(ticks);
    }

    /** Labels with the same number of decimals throughout, as many as the spacing needs. */
    static String[] linearLabels(double[] ticks) {
        String[] labels = new String[ticks.length];
        if (ticks.length == 0) {
            return labels;
        }
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : Math.max(Math.abs(ticks[0]), 1);
        double largest = 0;
        for (double t : ticks) {
            largest = Math.max(largest, Math.abs(t));
        }
        boolean scientific = largest >= 1e6 || largest < 1e-3;
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        for (int i = 0; i < ticks.length; i++) {
            labels[i] = scientific ? scientific(ticks[i]) : String.format(Locale.ROOT, "%." + decimals + "f", ticks[i]);
        }
        return labels;
    }

    /**
     * Plain numbers (0.01, 1, 100) when all are of moderate size, else scientific throughout
     * (1e-6 ... 1e-2): one style per axis reads faster than a mix.
     */
    static String[] logLabels(double[] ticks) {
        boolean scientific = false;
        for (double t : ticks) {
            double a = Math.abs(t);
            scientific |= a >= 1e5 || a < 1e-3;
        }
        String[] labels = new String[ticks.length];
        for (int i = 0; i < ticks.length; i++) {
            labels[i] = scientific ? scientific(ticks[i]) : plain(ticks[i]);
        }
        return labels;
    }

    static String plain(double v) {
        return plainSignificant(v, 12);
    }

    static String plainSignificant(double v, int digits) {
        return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    static String scientific(double v) {
        return scientific(v, 4);
    }

    /** Compact scientific notation: 2e-5, 1.5e6 (no padded exponent, no plus sign). */
    static String scientific(double v, int digits) {
        if (v == 0) {
            return "0";
        }
        int exponent = (int) Math.floor(Math.log10(Math.abs(v)) + 1e-12);
        BigDecimal mantissa = new BigDecimal(v / Math.pow(10, exponent)).round(new MathContext(digits));
        if (mantissa.abs().compareTo(BigDecimal.TEN) >= 0) {
            mantissa = mantissa.movePointLeft(1);
            exponent++;
        }
        return mantissa.stripTrailingZeros().toPlainString() + "e" + exponent;
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
