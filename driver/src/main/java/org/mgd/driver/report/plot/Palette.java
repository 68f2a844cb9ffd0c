package org.mgd.driver.report.plot;

import java.awt.Color;

/**
 * The Okabe-Ito colours, which stay distinct under the common colour-vision deficiencies. Yellow
 * comes last: it is hard to see on white. Past eight series colours repeat, but marker shapes
 * (see {@link Markers}) cycle on a different period, so pairs stay distinguishable.
 */
final class Palette {
    private static final Color[] COLORS = {
        new Color(0x0072B2), // blue
        new Color(0xE69F00), // orange
        new Color(0x009E73), // bluish green
        new Color(0xD55E00), // vermillion
        new Color(0xCC79A7), // reddish purple
        new Color(0x56B4E9), // sky blue
        new Color(0x000000), // black
        new Color(0xF0E442), // yellow
    };

    static final Color INK = new Color(0x222222);
    static final Color AXIS = new Color(0x444444);
    static final Color GRID = new Color(0xE8E8E8);
    static final Color REFERENCE = new Color(0x555555);
    static final Color MUTED_TEXT = new Color(0x777777);

    private Palette() {
    }

    static Color color(int seriesIndex) {
        return COLORS[Math.floorMod(seriesIndex, COLORS.length)];
    }
}
