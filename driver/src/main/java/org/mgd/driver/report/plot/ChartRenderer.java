package org.mgd.driver.report.plot;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Draws one {@link Chart} onto a fresh image: layout, grid, data, axes, title, legend. */
final class ChartRenderer {
    static final int MIN_WIDTH = 200;
    static final int MIN_HEIGHT = 150;

    private final Chart chart;
    private final int width;
    private final int height;
    private final Style style;

    ChartRenderer(Chart chart, int width, int height) {
        if (width < MIN_WIDTH || height < MIN_HEIGHT) {
            throw new IllegalArgumentException("a chart needs at least " + MIN_WIDTH + "x" + MIN_HEIGHT
                    + " pixels, got " + width + "x" + height);
        }
        this.chart = chart;
        this.width = width;
        this.height = height;
        this.style = Style.forImage(width, height);
    }

    BufferedImage render() {
        BufferedImage image = Png.whiteCanvas(width, height);
        Graphics2D g = Png.smoothGraphics(image);
        try {
            draw(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    private void draw(Graphics2D g) {
        List<String> categories = chart.hasBars() ? ((Series.Bars) chart.series().get(0)).categories() : null;
        Scale y = DataRange.y(chart);
        Scale x = categories != null ? new Scale(0, categories.size(), false) : DataRange.x(chart, y);
        Legend legend = new Legend(g, style, chart.series(), width * 0.35);
        ChartLayout layout = ChartLayout.compute(g, style, chart, x, y, categories, 0, 0, width, height);
        Footprint footprint = Footprint.of(chart, x, y);
        Runnable drawLegend = () -> { };
        Rectangle2D legendInside = null;
        if (!legend.isEmpty()) {
            Legend.Spot spot = legend.bestInside(layout.area, footprint);
            double plotWidth = layout.area.rect().width;
            double bandWidth = width - 2.0 * style.pad();
            double bandHeight = legend.bandHeight(bandWidth);
            if (spot.hidden() < Footprint.DATA) {
                drawLegend = () -> legend.draw(g, spot.x(), spot.y());
                legendInside = new Rectangle2D.Double(spot.x(), spot.y(), legend.width, legend.height);
            } else if (legend.width <= plotWidth * 0.4) {
                layout = ChartLayout.compute(g, style, chart, x, y, categories, legend.width + style.pad(), 0, width, height);
                double lx = layout.area.right() + style.pad();
                double ly = layout.area.top();
                drawLegend = () -> legend.draw(g, lx, ly);
            } else if (bandHeight <= layout.area.rect().height * 0.5) {
                double reserved = bandHeight + style.pad() * 0.4;
                layout = ChartLayout.compute(g, style, chart, x, y, categories, 0, reserved, width, height);
                double top = layout.area.top() - reserved;
                drawLegend = () -> legend.drawBand(g, style.pad(), top, bandWidth);
            } else {
                drawLegend = () -> legend.draw(g, spot.x(), spot.y());
                legendInside = new Rectangle2D.Double(spot.x(), spot.y(), legend.width, legend.height);
            }
        }
        PlotArea area = layout.area;
        drawGrid(g, layout);
        drawData(g, area, footprint, legendInside);
        drawAxes(g, layout);
        drawTitles(g, area);
        drawLegend.run();
    }

    /** @param legendBox where a legend inside the plot will go, for labels to avoid; null if none */
    private void drawData(Graphics2D g, PlotArea area, Footprint footprint, Rectangle2D legendBox) {
        Shape savedClip = g.getClip();
        double m = style.markerRadius() * 2;
        Rectangle2D.Double r = area.rect();
        g.clip(new Rectangle2D.Double(r.x - m, r.y - m, r.width + 2 * m, r.height + 2 * m));
        SeriesPainter painter = new SeriesPainter(g, style, area, footprint, legendBox);
        List<Series.Bars> bars = new ArrayList<>();
        List<Integer> barIndices = new ArrayList<>();
        List<Series> series = chart.series();
        for (int i = 0; i < series.size(); i++) {
            if (series.get(i) instanceof Series.Bars b) {
                bars.add(b);
                barIndices.add(i);
            }
        }
        if (!bars.isEmpty()) {
            painter.bars(bars, barIndices);
        }
        // Reference lines go under the data so they never hide a point, but their labels go on top.
        for (ReferenceLine ref : chart.referenceLines()) {
            painter.referenceLine(ref);
        }
        for (int i = 0; i < series.size(); i++) {
            if (series.get(i) instanceof Series.Line line) {
                painter.line(line, i);
            } else if (series.get(i) instanceof Series.Scatter scatter) {
                painter.scatter(scatter, i);
            }
        }
        for (ReferenceLine ref : chart.referenceLines()) {
            painter.referenceLabel(ref);
        }
        for (Series s : series) {
            if (s instanceof Series.Scatter scatter) {
                painter.pointLabels(scatter);
            }
        }
        g.setClip(savedClip);
        if (!DataRange.hasPlaceableData(chart, area.x(), area.y())) {
            g.setFont(style.labelFont());
            g.setColor(Palette.MUTED_TEXT);
            Text.centeredBelow(g, "no finite values to show", r.getCenterX(), r.getCenterY() - style.base() / 2.0);
        }
    }

    private void drawGrid(Graphics2D g, ChartLayout layout) {
        PlotArea area = layout.area;
        g.setColor(Palette.GRID);
        g.setStroke(style.thinStroke());
        for (double t : layout.yTicks) {
            double py = area.py(t);
            g.draw(new Line2D.Double(area.left(), py, area.right(), py));
        }
        for (double t : layout.xTicks) {
            double px = area.px(t);
            g.draw(new Line2D.Double(px, area.top(), px, area.bottom()));
        }
    }

    private void drawAxes(Graphics2D g, ChartLayout layout) {
        PlotArea area = layout.area;
        int tick = style.tickLength();
        g.setColor(Palette.AXIS);
        g.setStroke(style.thinStroke());
        g.draw(new Line2D.Double(area.left(), area.top(), area.left(), area.bottom()));
        g.draw(new Line2D.Double(area.left(), area.bottom(), area.right(), area.bottom()));
        if (layout.categoryLabels != null) {
            double zero = area.py(BarGeometry.baseline(area.y()));
            if (zero < area.bottom() - 0.5) {
                g.draw(new Line2D.Double(area.left(), zero, area.right(), zero));
            }
        }
        g.setFont(style.tickFont());
        for (int i = 0; i < layout.yTicks.length; i++) {
            double py = area.py(layout.yTicks[i]);
            g.setColor(Palette.AXIS);
            g.draw(new Line2D.Double(area.left() - tick, py, area.left(), py));
            g.setColor(Palette.INK);
            Text.rightAligned(g, layout.yTickLabels[i], area.left() - tick - 3, py);
        }
        double labelTop = area.bottom() + tick + 3;
        for (int i = 0; i < layout.xTicks.length; i++) {
            double px = area.px(layout.xTicks[i]);
            g.setColor(Palette.AXIS);
            g.draw(new Line2D.Double(px, area.bottom(), px, area.bottom() + tick));
            g.setColor(Palette.INK);
            Text.centeredBelow(g, layout.xTickLabels[i], px, labelTop);
        }
        if (layout.categoryLabels != null) {
            g.setColor(Palette.INK);
            for (int i = 0; i < layout.categoryLabels.size(); i++) {
                double px = area.px(i + 0.5);
                if (layout.slantedCategories) {
                    Text.slanted(g, layout.categoryLabels.get(i), px, labelTop);
                } else {
                    Text.centeredBelow(g, layout.categoryLabels.get(i), px, labelTop - 1);
                }
            }
        }
    }

    private void drawTitles(Graphics2D g, PlotArea area) {
        int pad = style.pad();
        g.setColor(Palette.INK);
        if (!chart.title().isBlank()) {
            g.setFont(style.titleFont());
            String title = Text.fit(g.getFontMetrics(), chart.title(), width - 2.0 * pad);
            Text.centeredBelow(g, title, centreWithin(g.getFontMetrics(), title, area.rect().getCenterX()), pad * 0.8);
        }
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        if (!chart.xLabel().isBlank()) {
            String label = Text.fit(fm, chart.xLabel(), width - 2.0 * pad);
            Text.centeredBelow(g, label, centreWithin(fm, label, area.rect().getCenterX()), height - pad * 0.7 - fm.getHeight());
        }
        if (!chart.yLabel().isBlank()) {
            String label = Text.fit(fm, chart.yLabel(), Math.min(height - 2.0 * pad, area.rect().height * 1.3));
            Text.vertical(g, label, pad * 0.7 + fm.getHeight() / 2.0, area.rect().getCenterY());
        }
    }

    /** Centre on the plot when the text fits there, shifted inwards when it would leave the image. */
    private double centreWithin(FontMetrics fm, String s, double preferred) {
        double half = Text.width(fm, s) / 2;
        double pad = style.pad();
        return Math.max(pad + half, Math.min(width - pad - half, preferred));
    }
}
