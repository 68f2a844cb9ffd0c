package org.mgd.driver.report.plot;

/** Maps data values on one axis to a fraction of the axis length, linearly or by log10. */
record Scale(double lo, double hi, boolean log) {

    Scale {
        if (!(hi > lo)) {
            throw new IllegalArgumentException("empty axis range [" + lo + ", " + hi + "]");
        }
        if (log && !(lo > 0)) {
            throw new IllegalArgumentException("log axis range must be positive, got [" + lo + ", " + hi + "]");
        }
    }

    /** Whether {@code v} can be placed on this axis at all. */
    boolean accepts(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    /** 0 at {@code lo}, 1 at {@code hi}; outside that range for values beyond it. */
    double fraction(double v) {
        if (log) {
            return (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
        }
        return (v - lo) / (hi - lo);
    }

    double[] ticks(int maxTicks) {
        return log ? NiceTicks.log(lo, hi, maxTicks) : NiceTicks.linear(lo, hi, maxTicks);
    }

    String[] tickLabels(double[] ticks) {
        return log ? NiceTicks.logLabels(ticks) : NiceTicks.linearLabels(ticks);
    }

    /**
     * The range that shows every given value with a little room at both ends. With {@code fromZero}
     * (bars on a linear axis) zero is included and gets no room past it, so bars rest on the axis.
     */
    static Scale covering(double min, double max, boolean log, boolean fromZero) {
        if (!(min <= max)) {
            return log ? new Scale(1, 10, true) : new Scale(0, 1, false);
        }
        if (log) {
            double a = Math.log10(min);
            double b = Math.log10(max);
            double pad = b > a ? 0.05 * (b - a) : 0.5;
            return new Scale(Math.pow(10, a - pad), Math.pow(10, b + pad), true);
        }
        if (fromZero) {
            min = Math.min(min, 0);
            max = Math.max(max, 0);
        }
        if (max == min) {
            double half = min == 0 ? 1 : Math.abs(min) * 0.1;
            return fromZero && min > 0 ? new Scale(0, max + half, false)
                    : fromZero && min < 0 ? new Scale(min - half, 0, false)
                    : new Scale(min - half, max + half, false);
        }
        double pad = 0.05 * (max - min);
        double lo = fromZero && min == 0 ? 0 : min - pad;
        double hi = fromZero && max == 0 ? 0 : max + pad;
        return new Scale(lo, hi, false);
    }
}
