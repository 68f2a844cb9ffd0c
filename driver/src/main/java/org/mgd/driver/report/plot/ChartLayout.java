package org.mgd.driver.report.plot;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * Where the plot rectangle goes and which ticks it gets. Margins depend on tick labels and the
 * tick labels on the plot's size, so the two are settled by a few rounds of refinement.
 */
final class ChartLayout {
    private static final double SLANT = Math.sqrt(0.5);
    private static final int MAX_TICKS = 9;

    final PlotArea area;
    final double[] xTicks;
    final String[] xTickLabels;
    final double[] yTicks;
    final String[] yTickLabels;
    /** Category names as they fit on the axis, or null for a numeric x axis. */
    final List<String> categoryLabels;
    final boolean slantedCategories;

    private ChartLayout(PlotArea area, double[] xTicks, String[] xTickLabels, double[] yTicks,
                        String[] yTickLabels, List<String> categoryLabels, boolean slantedCategories) {
        this.area = area;
        this.xTicks = xTicks;
        this.xTickLabels = xTickLabels;
        this.yTicks = yTicks;
        this.yTickLabels = yTickLabels;
        this.categoryLabels = categoryLabels;
        this.slantedCategories = slantedCategories;
    }

    /**
     * @param categories null for a numeric x axis
     * @param reservedRight room kept free right of the plot (for a legend beside it)
     * @param reservedTop room kept free between title and plot (for a legend above it)
     */
    static ChartLayout compute(Graphics2D g, Style style, Chart chart, Scale x, Scale y, List<String> categories,
                               double reservedRight, double reservedTop, int width, int height) {
        FontMetrics tickFm = g.getFontMetrics(style.tickFont());
        FontMetrics labelFm = g.getFontMetrics(style.labelFont());
        FontMetrics titleFm = g.getFontMetrics(style.titleFont());
        int pad = style.pad();
        int tick = style.tickLength();

        double top = pad + (chart.title().isBlank() ? tickFm.getHeight() / 2.0 : titleFm.getHeight() + pad * 0.6)
                + reservedTop;
        double baseRight = pad * 1.5 + reservedRight;
        double right = baseRight;
        double axisTitleBelow = chart.xLabel().isBlank() ? 0 : labelFm.getHeight() + pad * 0.4;
        double axisTitleLeft = chart.yLabel().isBlank() ? 0 : labelFm.getHeight() + pad * 0.5;
        double bottom = pad + tick + tickFm.getHeight() * 1.3 + axisTitleBelow;
        double left = pad * 4;

        double[] yTicks = {};
        String[] yLabels = {};
        double[] xTicks = {};
        String[] xLabels = {};
        List<String> fitted = null;
        boolean slanted = false;
        for (int round = 0; round < 3; round++) {
            double plotH = Math.max(1, height - top - bottom);
            yTicks = y.ticks(clampTicks(plotH / (tickFm.getHeight() * 2.4) + 1));
            yLabels = y.tickLabels(yTicks);
            left = pad + axisTitleLeft + maxWidth(tickFm, yLabels) + tick + 4;
            double plotW = Math.max(1, width - left - right);
            double labelsHeight;
            if (categories != null) {
                double slot = plotW / categories.size();
                double widest = maxWidth(tickFm, categories);
                slanted = widest > slot * 0.92;
                if (slanted) {
                    double allowed = Math.max(tickFm.getHeight(), height * 0.3 / SLANT);
                    fitted = categories.stream().map(c -> Text.fit(tickFm, c, allowed)).toList();
                    double longest = maxWidth(tickFm, fitted);
                    labelsHeight = longest * SLANT + tickFm.getAscent();
                    double firstOverhang = Text.width(tickFm, fitted.get(0)) * SLANT + tickFm.getAscent() - slot / 2;
                    left = Math.max(left, pad + firstOverhang);
                } else {
                    fitted = categories;
                    labelsHeight = tickFm.getHeight();
                }
            } else {
                xTicks = fitXTicks(tickFm, x, plotW);
                xLabels = x.tickLabels(xTicks);
                labelsHeight = tickFm.getHeight();
                right = baseRight;
                if (xTicks.length > 0) {
                    // The last tick label is centred on its tick and may reach past the plot's edge.
                    double beyondPlot = Text.width(tickFm, xLabels[xLabels.length - 1]) / 2
                            - (1 - x.fraction(xTicks[xTicks.length - 1])) * plotW;
                    right = Math.max(baseRight, reservedRight + beyondPlot + pad * 0.5);
                }
            }
            bottom = pad + tick + 3 + labelsHeight + axisTitleBelow;
        }
        Rectangle2D.Double rect = new Rectangle2D.Double(left, top,
                Math.max(1, width - left - right), Math.max(1, height - top - bottom));
        return new ChartLayout(new PlotArea(rect, x, y), xTicks, xLabels, yTicks, yLabels, fitted, slanted);
    }

    /** The densest nice ticks whose labels keep at least an em of space between neighbours. */
    private static double[] fitXTicks(FontMetrics fm, Scale x, double plotW) {
        double em = fm.getFont().getSize2D();
        int start = clampTicks(plotW / (em * 3.5) + 1);
        double[] ticks = x.ticks(start);
        for (int n = start; n >= 2; n--) {
            ticks = x.ticks(n);
            if (labelsApart(fm, x, ticks, x.tickLabels(ticks), plotW, em)) {
                return ticks;
            }
        }
        return ticks;
    }

    private static boolean labelsApart(FontMetrics fm, Scale x, double[] ticks, String[] labels, double plotW, double gap) {
        for (int i = 1; i < ticks.length; i++) {
            double distance = (x.fraction(ticks[i]) - x.fraction(ticks[i - 1])) * plotW;
            double needed = (Text.width(fm, labels[i]) + Text.width(fm, labels[i - 1])) / 2 + gap;
            if (distance < needed) {
                return false;
            }
        }
        return true;
    }

    private static int clampTicks(double n) {
        return (int) Math.max(2, Math.min(MAX_TICKS, Math.floor(n)));
    }

    private static double maxWidth(FontMetrics fm, String[] labels) {
        return maxWidth(fm, List.of(labels));
    }

    private static double maxWidth(FontMetrics fm, List<String> labels) {
        double max = 0;
        for (String s : labels) {
            max = Math.max(max, Text.width(fm, s));
        }
        return max;
    }
}
