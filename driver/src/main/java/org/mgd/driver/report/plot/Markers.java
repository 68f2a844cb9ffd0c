package org.mgd.driver.report.plot;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** Marker shapes, one per series, so series stay apart even in grayscale print. */
final class Markers {
    private static final int SHAPES = 5;

    private Markers() {
    }

    static Shape at(int seriesIndex, double cx, double cy, double r) {
        return switch (Math.floorMod(seriesIndex, SHAPES)) {
            case 0 -> new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
            case 1 -> new Rectangle2D.Double(cx - r * 0.85, cy - r * 0.85, r * 1.7, r * 1.7);
            case 2 -> polygon(cx, cy, r * 1.15, new double[] {-90, 30, 150});
            case 3 -> polygon(cx, cy, r * 1.2, new double[] {-90, 0, 90, 180});
            default -> polygon(cx, cy, r * 1.15, new double[] {90, 210, 330});
        };
    }

    private static Shape polygon(double cx, double cy, double r, double[] degrees) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < degrees.length; i++) {
            double a = Math.toRadians(degrees[i]);
            double x = cx + r * Math.cos(a);
            double y = cy + r * Math.sin(a);
            if (i == 0) {
                p.moveTo(x, y);
            } else {
                p.lineTo(x, y);
            }
        }
        p.closePath();
        return p;
    }
}
