package org.mgd.driver.report.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/** Draws series and reference lines into a plot area. */
final class SeriesPainter {
    /** Lines with at most this many points show a marker at each: few points are each a result. */
    private static final int MARKED_LINE_POINTS = 25;

    private final Graphics2D g;
    private final Style style;
    private final PlotArea area;
    private final Footprint footprint;
    /** Text and markers already placed, so labels steer around them. */
    private final List<Rectangle2D> obstacles = new ArrayList<>();
    /** Point labels placed so far: a label that can only go over another is left out. */
    private final List<Rectangle2D> pointLabelBoxes = new ArrayList<>();

    /** @param legendBox where the legend will be drawn over the plot, or null */
    SeriesPainter(Graphics2D g, Style style, PlotArea area, Footprint footprint, Rectangle2D legendBox) {
        this.g = g;
        this.style = style;
        this.area = area;
        this.footprint = footprint;
        if (legendBox != null) {
            obstacles.add(legendBox);
        }
    }

    static boolean marksEveryPoint(Series.Line line) {
        return line.x().length <= MARKED_LINE_POINTS;
    }

    static void marker(Graphics2D g, Style style, int seriesIndex, double cx, double cy, double r) {
        Shape shape = Markers.at(seriesIndex, cx, cy, r);
        g.setColor(Palette.color(seriesIndex));
        g.fill(shape);
        // A white rim keeps overlapping markers apart.
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke((float) Math.max(0.8, r / 4)));
        g.draw(shape);
    }

    void bars(List<Series.Bars> bars, List<Integer> indices) {
        Scale y = area.y();
        double base = area.py(BarGeometry.baseline(y));
        int categories = bars.get(0).values().length;
        double gap = bars.size() > 1 ? 1 : 0;
        for (int j = 0; j < bars.size(); j++) {
            Series.Bars b = bars.get(j);
            for (int i = 0; i < categories; i++) {
                double v = b.values()[i];
                if (!y.accepts(v)) {
                    continue;
                }
                double[] span = BarGeometry.slot(i, j, bars.size());
                double x0 = area.px(span[0]) + gap / 2;
                double x1 = area.px(span[1]) - gap / 2;
                double top = area.py(v);
                g.setColor(Palette.color(indices.get(j)));
                g.fill(new Rectangle2D.Double(x0, Math.min(top, base), Math.max(1, x1 - x0), Math.abs(base - top)));
                errorBar(v, b.error(i), (x0 + x1) / 2, x1 - x0);
                if (!b.valueLabels().isEmpty() && !b.valueLabels().get(i).isBlank()) {
                    // Above the bar and its error bar, where a glance compares bars whose tops look alike.
                    g.setFont(style.smallFont());
                    g.setColor(Palette.INK);
                    FontMetrics fm = g.getFontMetrics();
                    double above = area.py(v + b.error(i)) - 3 - fm.getAscent() - fm.getDescent();
                    String text = b.valueLabels().get(i);
                    if (Text.width(fm, text) <= x1 - x0 + gap) {
                        // A value cut short would mislead: too narrow a bar goes without.
                        Text.centeredBelow(g, text, (x0 + x1) / 2, Math.max(area.rect().y, above));
                    }
                }
            }
        }
    }

    private void errorBar(double v, double error, double cx, double barWidth) {
        if (error <= 0) {
            return;
        }
        Scale y = area.y();
        double low = y.accepts(v - error) ? area.py(v - error) : area.bottom();
        double high = area.py(v + error);
        double cap = Math.min(barWidth * 0.35, style.base() * 0.6);
        g.setColor(Palette.INK);
        g.setStroke(new BasicStroke(Math.max(1.2f, style.base() / 10f)));
        g.draw(new Line2D.Double(cx, low, cx, high));
        g.draw(new Line2D.Double(cx - cap, low, cx + cap, low));
        g.draw(new Line2D.Double(cx - cap, high, cx + cap, high));
    }

    void line(Series.Line line, int index) {
        double[] xs = line.x();
        double[] ys = line.y();
        Path2D.Double path = new Path2D.Double();
        boolean penDown = false;
        List<double[]> marks = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            if (!placeable(xs[i], ys[i])) {
                penDown = false;
                continue;
            }
            double px = area.px(xs[i]);
            double py = area.py(ys[i]);
            if (penDown) {
                path.lineTo(px, py);
            } else {
                path.moveTo(px, py);
            }
            boolean isolated = !neighbourPlaceable(xs, ys, i - 1) && !neighbourPlaceable(xs, ys, i + 1);
            if (isolated || marksEveryPoint(line)) {
                marks.add(new double[] {px, py});
            }
            penDown = true;
        }
        g.setColor(Palette.color(index));
        g.setStroke(style.lineStroke());
        g.draw(path);
        double r = style.markerRadius();
        for (double[] m : marks) {
            marker(g, style, index, m[0], m[1], r);
            obstacles.add(new Rectangle2D.Double(m[0] - r, m[1] - r, 2 * r, 2 * r));
        }
    }

    void scatter(Series.Scatter scatter, int index) {
        double r = style.markerRadius() * 1.15;
        for (int i = 0; i < scatter.x().length; i++) {
            if (placeable(scatter.x()[i], scatter.y()[i])) {
                double px = area.px(scatter.x()[i]);
                double py = area.py(scatter.y()[i]);
                marker(g, style, index, px, py, r);
                obstacles.add(new Rectangle2D.Double(px - r, py - r, 2 * r, 2 * r));
            }
        }
    }

    /** Point labels go on after every marker, so no marker is drawn over a label. */
    void pointLabels(Series.Scatter scatter) {
        if (scatter.pointLabels().isEmpty()) {
            return;
        }
        g.setFont(style.smallFont());
        FontMetrics fm = g.getFontMetrics();
        double off = style.markerRadius() * 1.15 + 2;
        for (int i = 0; i < scatter.x().length; i++) {
            String text = scatter.pointLabels().get(i);
            if (text == null || text.isBlank() || !placeable(scatter.x()[i], scatter.y()[i])) {
                continue;
            }
            double px = area.px(scatter.x()[i]);
            double py = area.py(scatter.y()[i]);
            double w = Text.width(fm, text);
            double h = fm.getAscent() + fm.getDescent();
            // Right, left, above, below the point: the first that is free and inside the plot.
            double[][] tops = {
                {px + off, py - h / 2}, {px - off - w, py - h / 2},
                {px - w / 2, py - off - h}, {px - w / 2, py + off},
                {px + off, py - off - h}, {px - off - w, py + off},
            };
            Rectangle2D box = leastCrowded(tops, w, h);
            // Overlapping text is unreadable, so in a crowded cluster some labels are left out.
            if (pointLabelBoxes.stream().noneMatch(box::intersects)) {
                drawLabel(text, box, fm, Palette.INK);
                pointLabelBoxes.add(box);
            }
        }
    }

    void referenceLine(ReferenceLine ref) {
        if (!area.y().accepts(ref.value())) {
            return;
        }
        double py = area.py(ref.value());
        g.setColor(Palette.REFERENCE);
        g.setStroke(style.dashedStroke());
        g.draw(new Line2D.Double(area.left(), py, area.right(), py));
    }

    void referenceLabel(ReferenceLine ref) {
        if (!area.y().accepts(ref.value()) || ref.label().isBlank()) {
            return;
        }
        double py = area.py(ref.value());
        g.setFont(style.tickFont());
        FontMetrics fm = g.getFontMetrics();
        String text = Text.fit(fm, ref.label(), area.rect().width * 0.6);
        double w = Text.width(fm, text);
        double h = fm.getAscent() + fm.getDescent();
        double gap = 3;
        double[][] spots = {
            {area.right() - gap - w, py - gap - h}, {area.right() - gap - w, py + gap},
            {area.left() + gap, py - gap - h}, {area.left() + gap, py + gap},
        };
        drawLabel(text, leastCrowded(spots, w, h), fm, Palette.REFERENCE);
    }

    private void drawLabel(String text, Rectangle2D box, FontMetrics fm, Color color) {
        // A translucent white backing keeps text readable over lines and grid.
        g.setColor(new Color(255, 255, 255, 190));
        g.fill(new Rectangle2D.Double(box.getX() - 1, box.getY(), box.getWidth() + 2, box.getHeight()));
        g.setColor(color);
        g.drawString(text, (float) box.getX(), (float) (box.getY() + fm.getAscent()));
        obstacles.add(box);
    }

    /**
     * Of boxes at the given top-left corners, the first that is inside the plot and clear of other
     * labels, markers and data; failing that the one hiding the least. Earlier spots are preferred.
     */
    private Rectangle2D leastCrowded(double[][] corners, double w, double h) {
        Rectangle2D best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (double[] c : corners) {
            Rectangle2D candidate = clampInside(new Rectangle2D.Double(c[0], c[1], w, h));
            double cost = crowding(candidate);
            if (cost < bestCost) {
                best = candidate;
                bestCost = cost;
            }
            if (cost == 0) {
                break;
            }
        }
        return best;
    }

    private double crowding(Rectangle2D box) {
        double cost = 0;
        for (Rectangle2D r : obstacles) {
            if (r.intersects(box)) {
                cost += 10;
            }
        }
        for (double[] s : footprint.samples) {
            double px = area.left() + s[0] * area.rect().width;
            double py = area.bottom() - s[1] * area.rect().height;
            if (box.contains(px, py)) {
                cost += s[2];
            }
        }
        return cost;
    }

    private Rectangle2D clampInside(Rectangle2D r) {
        double x = Math.max(area.left(), Math.min(area.right() - r.getWidth(), r.getX()));
        double y = Math.max(area.top(), Math.min(area.bottom() - r.getHeight(), r.getY()));
        return new Rectangle2D.Double(x, y, r.getWidth(), r.getHeight());
    }

    private boolean placeable(double x, double y) {
        return area.x().accepts(x) && area.y().accepts(y);
    }

    private boolean neighbourPlaceable(double[] xs, double[] ys, int i) {
        return i >= 0 && i < xs.length && placeable(xs[i], ys[i]);
    }
}
