package org.mgd.driver.report.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/** The box naming each labelled series, placed where it covers the least data. */
final class Legend {
    private record Entry(String text, double textWidth, Series series, int index) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Style style;
    private final double rowHeight;
    private final double swatchWidth;
    private final double inset;
    final double width;
    final double height;

    Legend(Graphics2D g, Style style, List<Series> series, double maxTextWidth) {
        this.style = style;
        FontMetrics fm = g.getFontMetrics(style.labelFont());
        this.rowHeight = fm.getHeight() * 1.15;
        this.swatchWidth = style.base() * 2.0;
        this.inset = style.base() * 0.6;
        double widest = 0;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (!s.label().isBlank()) {
                String text = Text.fit(fm, s.label(), maxTextWidth);
                entries.add(new Entry(text, Text.width(fm, text), s, i));
                widest = Math.max(widest, Text.width(fm, text));
            }
        }
        this.width = entries.isEmpty() ? 0 : inset * 2 + swatchWidth + style.base() * 0.5 + widest;
        this.height = entries.isEmpty() ? 0 : inset * 2 + rowHeight * entries.size();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** A spot inside the plot and how much data it would hide there (0 is none). */
    record Spot(double x, double y, double hidden) {
    }

    Spot bestInside(PlotArea area, Footprint footprint) {
        double m = style.base() * 0.5;
        double[] xs = {area.right() - m - width, area.left() + m, (area.left() + area.right() - width) / 2};
        double[] ys = {area.top() + m, area.bottom() - m - height, (area.top() + area.bottom() - height) / 2};
        // Corners first, then edge middles: on a tie the earlier, more conventional spot wins.
        int[][] order = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {2, 0}, {2, 1}, {0, 2}, {1, 2}};
        Spot best = null;
        for (int[] o : order) {
            Spot s = new Spot(xs[o[0]], ys[o[1]], hidden(area, footprint, xs[o[0]], ys[o[1]]));
            if (best == null || s.hidden < best.hidden) {
                best = s;
            }
        }
        return best;
    }

    private double hidden(PlotArea area, Footprint footprint, double x, double y) {
        // Some clearance: a legend grazing a line reads as covering it.
        double margin = Math.max(style.markerRadius(), style.base() * 0.6);
        Rectangle2D box = new Rectangle2D.Double(x - margin, y - margin, width + 2 * margin, height + 2 * margin);
        double sum = 0;
        for (double[] s : footprint.samples) {
            double px = area.left() + s[0] * area.rect().width;
            double py = area.bottom() - s[1] * area.rect().height;
            if (box.contains(px, py)) {
                sum += s[2];
            }
        }
        return sum;
    }

    void draw(Graphics2D g, double x, double y) {
        Rectangle2D box = new Rectangle2D.Double(x, y, width, height);
        g.setColor(new Color(255, 255, 255, 225));
        g.fill(box);
        g.setColor(new Color(0xCCCCCC));
        g.setStroke(style.thinStroke());
        g.draw(box);
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            double cy = y + inset + rowHeight * (i + 0.5);
            double sx = x + inset;
            drawSwatch(g, e, sx, cy);
            g.setColor(Palette.INK);
            g.drawString(e.text, (float) (sx + swatchWidth + style.base() * 0.5), (float) Text.baselineForCentre(fm, cy));
        }
    }

    /**
     * The legend laid out in rows across {@code maxWidth}, unboxed, for a band above the plot: the
     * fallback when it fits neither inside the plot nor beside it.
     */
    double bandHeight(double maxWidth) {
        return bandRows(maxWidth).size() * rowHeight;
    }

    void drawBand(Graphics2D g, double left, double top, double maxWidth) {
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        List<List<Entry>> rows = bandRows(maxWidth);
        for (int r = 0; r < rows.size(); r++) {
            double rowWidth = rows.get(r).stream().mapToDouble(this::bandEntryWidth).sum() - bandSpacing();
            double x = left + (maxWidth - rowWidth) / 2;
            double cy = top + rowHeight * (r + 0.5);
            for (Entry e : rows.get(r)) {
                drawSwatch(g, e, x, cy);
                g.setColor(Palette.INK);
                g.drawString(e.text, (float) (x + swatchWidth + style.base() * 0.5), (float) Text.baselineForCentre(fm, cy));
                x += bandEntryWidth(e);
            }
        }
    }

    private List<List<Entry>> bandRows(double maxWidth) {
        List<List<Entry>> rows = new ArrayList<>();
        List<Entry> row = new ArrayList<>();
        double used = 0;
        for (Entry e : entries) {
            double w = bandEntryWidth(e);
            if (!row.isEmpty() && used + w - bandSpacing() > maxWidth) {
                rows.add(row);
                row = new ArrayList<>();
                used = 0;
            }
            row.add(e);
            used += w;
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    /** An entry's width in a band, including the space after it. */
    private double bandEntryWidth(Entry e) {
        return swatchWidth + style.base() * 0.5 + e.textWidth + bandSpacing();
    }

    private double bandSpacing() {
        return style.base() * 1.5;
    }

    private void drawSwatch(Graphics2D g, Entry e, double x, double cy) {
        Color c = Palette.color(e.index);
        double r = style.markerRadius();
        double mid = x + swatchWidth / 2;
        if (e.series instanceof Series.Bars) {
            double side = rowHeight * 0.6;
            g.setColor(c);
            g.fill(new Rectangle2D.Double(mid - side / 2, cy - side / 2, side, side));
        } else if (e.series instanceof Series.Line line) {
            g.setColor(c);
            g.setStroke(style.lineStroke());
            g.draw(new Line2D.Double(x, cy, x + swatchWidth, cy));
            if (SeriesPainter.marksEveryPoint(line)) {
                SeriesPainter.marker(g, style, e.index, mid, cy, r);
            }
        } else {
            SeriesPainter.marker(g, style, e.index, mid, cy, r);
        }
        g.setStroke(new BasicStroke(1f));
    }
}
