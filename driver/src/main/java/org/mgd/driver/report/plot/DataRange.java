package org.mgd.driver.report.plot;

/** The axis ranges that show everything a chart holds, skipping what cannot be placed. */
final class DataRange {
    private DataRange() {
    }

    static Scale y(Chart chart) {
        boolean log = chart.logY();
        Scale probe = log ? new Scale(1, 10, true) : new Scale(0, 1, false); // only for accepts()
        double[] mm = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Series s : chart.series()) {
            if (s instanceof Series.Line line) {
                points(line.x(), line.y(), probe, mm);
            } else if (s instanceof Series.Scatter scatter) {
                points(scatter.x(), scatter.y(), probe, mm);
            } else if (s instanceof Series.Bars bars) {
                for (int i = 0; i < bars.values().length; i++) {
                    double v = bars.values()[i];
                    if (probe.accepts(v)) {
                        include(mm, v);
                        double e = bars.error(i);
                        include(mm, v + e);
                        if (probe.accepts(v - e)) {
                            include(mm, v - e);
                        }
                    }
                }
                if (!bars.valueLabels().isEmpty() && !log && mm[1] > 0) {
                    // Headroom for the labels above the tallest bar.
                    include(mm, mm[1] * 1.08);
                }
            }
        }
        for (ReferenceLine r : chart.referenceLines()) {
            if (probe.accepts(r.value())) {
                include(mm, r.value());
            }
        }
        return Scale.covering(mm[0], mm[1], log, chart.hasBars() && !log);
    }

    static Scale x(Chart chart, Scale y) {
        double[] mm = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Series s : chart.series()) {
            double[] xs = s instanceof Series.Line l ? l.x() : s instanceof Series.Scatter sc ? sc.x() : null;
            double[] ys = s instanceof Series.Line l ? l.y() : s instanceof Series.Scatter sc ? sc.y() : null;
            if (xs == null) {
                continue;
            }
            for (int i = 0; i < xs.length; i++) {
                if (Double.isFinite(xs[i]) && y.accepts(ys[i])) {
                    include(mm, xs[i]);
                }
            }
        }
        return Scale.covering(mm[0], mm[1], false, false);
    }

    static boolean hasPlaceableData(Chart chart, Scale x, Scale y) {
        for (Series s : chart.series()) {
            if (s instanceof Series.Bars bars) {
                for (double v : bars.values()) {
                    if (y.accepts(v)) {
                        return true;
                    }
                }
                continue;
            }
            double[] xs = s instanceof Series.Line l ? l.x() : ((Series.Scatter) s).x();
            double[] ys = s instanceof Series.Line l ? l.y() : ((Series.Scatter) s).y();
            for (int i = 0; i < xs.length; i++) {
                if (x.accepts(xs[i]) && y.accepts(ys[i])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void points(double[] xs, double[] ys, Scale probe, double[] mm) {
        for (int i = 0; i < xs.length; i++) {
            if (Double.isFinite(xs[i]) && probe.accepts(ys[i])) {
                include(mm, ys[i]);
            }
        }
    }

    private static void include(double[] mm, double v) {
        mm[0] = Math.min(mm[0], v);
        mm[1] = Math.max(mm[1], v);
    }
}
