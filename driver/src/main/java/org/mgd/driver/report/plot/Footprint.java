package org.mgd.driver.report.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Sample points of everything a chart draws, as fractions of the plot (0..1 each way, y up), so
 * the legend can go where it hides the least. Reference lines weigh less than data: a legend
 * crossing a baseline is a lesser harm than one hiding points.
 */
final class Footprint {
    static final double DATA = 1.0;
    static final double REFERENCE = 0.2;
    private static final double SAMPLE_STEP = 0.01;

    /** Each entry is {x fraction, y fraction, weight}. */
    final List<double[]> samples = new ArrayList<>();

    static Footprint of(Chart chart, Scale x, Scale y) {
        Footprint f = new Footprint();
        List<Series.Bars> bars = new ArrayList<>();
        for (Series s : chart.series()) {
            if (s instanceof Series.Line line) {
                f.addLine(line.x(), line.y(), x, y);
            } else if (s instanceof Series.Scatter scatter) {
                f.addPoints(scatter.x(), scatter.y(), x, y);
            } else if (s instanceof Series.Bars b) {
                bars.add(b);
            }
        }
        f.addBars(bars, y);
        for (ReferenceLine r : chart.referenceLines()) {
            if (y.accepts(r.value())) {
                for (double fx = 0; fx <= 1; fx += SAMPLE_STEP) {
                    f.samples.add(new double[] {fx, y.fraction(r.value()), REFERENCE});
                }
            }
        }
        return f;
    }

    private void addPoints(double[] xs, double[] ys, Scale x, Scale y) {
        for (int i = 0; i < xs.length; i++) {
            if (x.accepts(xs[i]) && y.accepts(ys[i])) {
                samples.add(new double[] {x.fraction(xs[i]), y.fraction(ys[i]), DATA});
            }
        }
    }

    private void addLine(double[] xs, double[] ys, Scale x, Scale y) {
        double[] previous = null;
        for (int i = 0; i < xs.length; i++) {
            if (!x.accepts(xs[i]) || !y.accepts(ys[i])) {
                previous = null;
                continue;
            }
            double[] p = {x.fraction(xs[i]), y.fraction(ys[i])};
            if (previous != null) {
                double length = Math.hypot(p[0] - previous[0], p[1] - previous[1]);
                int steps = (int) Math.min(100, Math.ceil(length / SAMPLE_STEP));
                for (int k = 1; k < steps; k++) {
                    double t = (double) k / steps;
                    samples.add(new double[] {previous[0] + t * (p[0] - previous[0]),
                                              previous[1] + t * (p[1] - previous[1]), DATA});
                }
            }
            samples.add(new double[] {p[0], p[1], DATA});
            previous = p;
        }
    }

    private void addBars(List<Series.Bars> bars, Scale y) {
        if (bars.isEmpty()) {
            return;
        }
        int categories = bars.get(0).values().length;
        double base = y.fraction(BarGeometry.baseline(y));
        for (int j = 0; j < bars.size(); j++) {
            Series.Bars b = bars.get(j);
            for (int i = 0; i < categories; i++) {
                double v = b.values()[i];
                if (!y.accepts(v)) {
                    continue;
                }
                double top = y.fraction(v);
                double[] span = BarGeometry.slot(i, j, bars.size());
                for (int sx = 0; sx <= 4; sx++) {
                    double fx = (span[0] + (span[1] - span[0]) * sx / 4.0) / categories;
                    for (int sy = 0; sy <= 20; sy++) {
                        samples.add(new double[] {fx, base + (top - base) * sy / 20.0, DATA});
                    }
                }
            }
        }
    }
}
