package org.mgd.driver.report.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A 2-D chart: lines, scatter points or grouped bars, with optional horizontal reference lines,
 * rendered to PNG without a display. Build one with {@link #builder(String)}:
 *
 * <pre>{@code
 * byte[] png = Chart.builder("Target loss").xLabel("step").yLabel("loss").logY()
 *         .line(steps, loss, "metagradient")
 *         .referenceLine(0.42, "best baseline")
 *         .build().png(800, 500);
 * }</pre>
 *
 * Bars put categories on the x axis, so a chart holds either bars or lines and points, not both.
 */
public record Chart(String title, String xLabel, String yLabel, boolean logY,
                    List<Series> series, List<ReferenceLine> referenceLines) {

    public Chart {
        title = title == null ? "" : title;
        xLabel = xLabel == null ? "" : xLabel;
        yLabel = yLabel == null ? "" : yLabel;
        series = List.copyOf(series);
        referenceLines = List.copyOf(referenceLines);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "' has no series: add a line, scatter or bars");
        }
        checkBarsStandAlone(title, series);
    }

    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Renders at {@code width} x {@code height} pixels and encodes as PNG. */
    public byte[] png(int width, int height) {
        return Png.encode(image(width, height));
    }

    public void writePng(Path file, int width, int height) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, png(width, height));
    }

    /** Renders without encoding, for callers that compose images themselves. */
    public BufferedImage image(int width, int height) {
        return new ChartRenderer(this, width, height).render();
    }

    boolean hasBars() {
        return series.get(0) instanceof Series.Bars;
    }

    private static void checkBarsStandAlone(String title, List<Series> series) {
        List<String> categories = null;
        boolean anyBars = false;
        boolean anyPoints = false;
        for (Series s : series) {
            if (s instanceof Series.Bars bars) {
                anyBars = true;
                if (categories == null) {
                    categories = bars.categories();
                } else if (!categories.equals(bars.categories())) {
                    throw new IllegalArgumentException("chart '" + title + "': bar series '" + bars.label()
                            + "' has categories " + bars.categories() + " but an earlier one has " + categories);
                }
            } else {
                anyPoints = true;
            }
        }
        if (anyBars && anyPoints) {
            throw new IllegalArgumentException("chart '" + title
                    + "' mixes bars with lines or points: bars put categories on the x axis, so draw them in a chart of their own");
        }
    }

    /** Collects a chart's parts; series keep the order they were added (and so their colours). */
    public static final class Builder {
        private final String title;
        private String xLabel = "";
        private String yLabel = "";
        private boolean logY;
        private final List<Series> series = new ArrayList<>();
        private final List<ReferenceLine> referenceLines = new ArrayList<>();

        private Builder(String title) {
            this.title = title;
        }

        public Builder xLabel(String label) {
            this.xLabel = label;
            return this;
        }

        public Builder yLabel(String label) {
            this.yLabel = label;
            return this;
        }

        public Builder logY() {
            return logY(true);
        }

        public Builder logY(boolean on) {
            this.logY = on;
            return this;
        }

        public Builder line(double[] x, double[] y, String label) {
            return add(new Series.Line(label, x, y));
        }

        /** A line against 0, 1, 2, ...: a per-step curve without building the x array. */
        public Builder line(double[] y, String label) {
            return line(indices(y), y, label);
        }

        public Builder scatter(double[] x, double[] y, String label) {
            return add(new Series.Scatter(label, x, y, null));
        }

        public Builder scatter(double[] x, double[] y, String label, List<String> pointLabels) {
            return add(new Series.Scatter(label, x, y, pointLabels));
        }

        public Builder bars(List<String> categories, double[] values, String label) {
            return add(new Series.Bars(label, categories, values, null));
        }

        public Builder bars(List<String> categories, double[] values, double[] errors, String label) {
            return add(new Series.Bars(label, categories, values, errors));
        }

        /** Bars with each one's value written above it ({@code valueLabels}, one per category). */
        public Builder bars(List<String> categories, double[] values, double[] errors, String label,
                            List<String> valueLabels) {
            return add(new Series.Bars(label, categories, values, errors, valueLabels));
        }

        public Builder add(Series s) {
            series.add(s);
            return this;
        }

        public Builder referenceLine(double value, String label) {
            referenceLines.add(new ReferenceLine(value, label));
            return this;
        }

        public Chart build() {
            return new Chart(title, xLabel, yLabel, logY, series, referenceLines);
        }

        private static double[] indices(double[] y) {
            if (y == null) {
                throw new IllegalArgumentException("line needs y values");
            }
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            return x;
        }
    }
}
