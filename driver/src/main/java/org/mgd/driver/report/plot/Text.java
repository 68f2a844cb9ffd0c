package org.mgd.driver.report.plot;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;

/** Measuring and placing single lines of text. Coordinates are pixels; y grows downwards. */
final class Text {
    private static final String ELLIPSIS = "…";

    private Text() {
    }

    static double width(FontMetrics fm, String s) {
        return fm.getStringBounds(s, null).getWidth();
    }

    /** {@code s} shortened with an ellipsis to at most {@code maxWidth}, so long names never overflow. */
    static String fit(FontMetrics fm, String s, double maxWidth) {
        if (width(fm, s) <= maxWidth) {
            return s;
        }
        int keep = s.length();
        while (keep > 0 && width(fm, s.substring(0, keep) + ELLIPSIS) > maxWidth) {
            keep--;
        }
        return keep == 0 ? "" : s.substring(0, keep).stripTrailing() + ELLIPSIS;
    }

    /** Draws {@code s} with its horizontal centre at {@code cx} and its top at {@code top}. */
    static void centeredBelow(Graphics2D g, String s, double cx, double top) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, (float) (cx - width(fm, s) / 2), (float) (top + fm.getAscent()));
    }

    /** Draws {@code s} ending at {@code right}, vertically centred on {@code cy}. */
    static void rightAligned(Graphics2D g, String s, double right, double cy) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, (float) (right - width(fm, s)), (float) baselineForCentre(fm, cy));
    }

    static double baselineForCentre(FontMetrics fm, double cy) {
        return cy + (fm.getAscent() - fm.getDescent()) / 2.0;
    }

    /** Draws {@code s} reading bottom to top, centred on ({@code cx}, {@code cy}). */
    static void vertical(Graphics2D g, String s, double cx, double cy) {
        FontMetrics fm = g.getFontMetrics();
        AffineTransform saved = g.getTransform();
        g.translate(cx, cy);
        g.rotate(-Math.PI / 2);
        g.drawString(s, (float) (-width(fm, s) / 2), (float) ((fm.getAscent() - fm.getDescent()) / 2.0));
        g.setTransform(saved);
    }

    /** Draws {@code s} rising at 45 degrees and ending just below ({@code x}, {@code top}). */
    static void slanted(Graphics2D g, String s, double x, double top) {
        FontMetrics fm = g.getFontMetrics();
        AffineTransform saved = g.getTransform();
        g.translate(x, top);
        g.rotate(-Math.PI / 4);
        g.drawString(s, (float) -width(fm, s), (float) fm.getAscent() * 0.5f);
        g.setTransform(saved);
    }
}
