package org.mgd.driver.report.plot;

import java.awt.geom.Rectangle2D;

/**
 * The data rectangle of a chart and the scales that map values into it. A categorical x axis is the
 * linear scale [0, n] with category i centred at i + 0.5.
 */
record PlotArea(Rectangle2D.Double rect, Scale x, Scale y) {

    double px(double v) {
        return rect.x + x.fraction(v) * rect.width;
    }

    double py(double v) {
        return rect.y + rect.height - y.fraction(v) * rect.height;
    }

    double left() {
        return rect.x;
    }

    double right() {
        return rect.x + rect.width;
    }

    double top() {
        return rect.y;
    }

    double bottom() {
        return rect.y + rect.height;
    }
}
