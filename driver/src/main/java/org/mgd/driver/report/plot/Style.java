package org.mgd.driver.report.plot;

import java.awt.BasicStroke;
import java.awt.Font;

/** Sizes that scale with the image, so a thumbnail and a full-page figure both read well. */
record Style(int base) {

    static Style forImage(int width, int height) {
        int base = (int) Math.round(Math.sqrt((double) width * height) / 46.0);
        return new Style(Math.max(10, Math.min(22, base)));
    }

    Font tickFont() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(base * 0.92f));
    }

    Font labelFont() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, base);
    }

    Font titleFont() {
        return new Font(Font.SANS_SERIF, Font.BOLD, Math.round(base * 1.25f));
    }

    Font smallFont() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.round(base * 0.8f)));
    }

    int pad() {
        return base;
    }

    int tickLength() {
        return Math.max(3, base / 3);
    }

    double markerRadius() {
        return Math.max(2.5, base * 0.3);
    }

    BasicStroke lineStroke() {
        return new BasicStroke(Math.max(1.5f, base / 7f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    BasicStroke thinStroke() {
        return new BasicStroke(1f);
    }

    BasicStroke dashedStroke() {
        float w = Math.max(1.2f, base / 10f);
        return new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6 * w, 4 * w}, 0f);
    }
}
