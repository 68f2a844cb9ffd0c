package org.mgd.driver.report.plot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One thing a {@link Chart} draws and names in its legend. Non-finite values (and, on a log axis,
 * values at or below zero) are skipped, not rejected: a diverged run's NaN losses should leave a
 * gap in its curve, not stop the report. A series with no values at all is a caller's mistake and
 * is rejected here, where the stack trace still points at the caller.
 */
public sealed interface Series permits Series.Line, Series.Scatter, Series.Bars {

    /** The legend text; blank leaves the series out of the legend. */
    String label();

    /** Points joined in x order as given; a skipped value breaks the line. */
    record Line(String label, double[] x, double[] y) implements Series {
        public Line {
            label = label == null ? "" : label;
            checkPoints("line", label, x, y);
            x = x.clone();
            y = y.clone();
        }
    }

    /**
     * Unjoined points; {@code pointLabels} (null, or one entry per point, null entries for none)
     * writes a short text beside each point, e.g. which training run it is.
     */
    record Scatter(String label, double[] x, double[] y, List<String> pointLabels) implements Series {
        public Scatter {
            label = label == null ? "" : label;
            checkPoints("scatter", label, x, y);
            x = x.clone();
            y = y.clone();
            if (pointLabels == null) {
                pointLabels = List.of();
            } else if (pointLabels.size() != x.length) {
                throw new IllegalArgumentException("scatter series '" + label + "' has " + x.length
                        + " points but " + pointLabels.size() + " point labels");
            } else {
                pointLabels = Collections.unmodifiableList(new ArrayList<>(pointLabels));
            }
        }
    }

    /**
     * One bar per category; several bar series in a chart are drawn side by side per category and
     * must share the same categories. {@code errors} (null for none) are half-heights of error bars.
     */
    /** Bars, one per category, with optional error half-heights and a text above each bar (empty: none). */
    record Bars(String label, List<String> categories, double[] values, double[] errors, List<String> valueLabels)
            implements Series {
        public Bars(String label, List<String> categories, double[] values, double[] errors) {
            this(label, categories, values, errors, List.of());
        }

        public Bars {
            label = label == null ? "" : label;
            if (categories == null || values == null) {
                throw new IllegalArgumentException("bar series '" + label + "' needs categories and values");
            }
            if (values.length == 0) {
                throw new IllegalArgumentException("bar series '" + label + "' is empty: no categories");
            }
            if (categories.size() != values.length) {
                throw new IllegalArgumentException("bar series '" + label + "' has " + categories.size()
                        + " categories but " + values.length + " values");
            }
            if (errors != null && errors.length != values.length) {
                throw new IllegalArgumentException("bar series '" + label + "' has " + values.length
                        + " values but " + errors.length + " error bars");
            }
            valueLabels = valueLabels == null ? List.of()
                    : List.copyOf(valueLabels.stream().map(t -> t == null ? "" : t).toList());
            if (!valueLabels.isEmpty() && valueLabels.size() != values.length) {
                throw new IllegalArgumentException("bar series '" + label + "' has " + values.length
                        + " values but " + valueLabels.size() + " value labels");
            }
            categories = List.copyOf(categories.stream().map(c -> c == null ? "" : c).toList());
            values = values.clone();
            errors = errors == null ? null : errors.clone();
        }

        /** The error half-height at {@code i}, or 0 where there is none or it is not finite. */
        double error(int i) {
            return errors == null || !Double.isFinite(errors[i]) ? 0 : Math.abs(errors[i]);
        }
    }

    private static void checkPoints(String kind, String label, double[] x, double[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException(kind + " series '" + label + "' needs x and y arrays");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(kind + " series '" + label + "' has " + x.length
                    + " x values but " + y.length + " y values");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(kind + " series '" + label + "' is empty: no points");
        }
    }
}
