package org.mgd.driver.report.plot;

/** Where bars sit on a categorical axis: category i spans [i, i + 1], its bars the middle 80%. */
final class BarGeometry {
    private static final double GROUP_WIDTH = 0.8;

    private BarGeometry() {
    }

    /** The x span {from, to} of bar {@code series} of {@code seriesCount} in {@code category}. */
    static double[] slot(int category, int series, int seriesCount) {
        double barWidth = GROUP_WIDTH / seriesCount;
        double from = category + (1 - GROUP_WIDTH) / 2 + series * barWidth;
        return new double[] {from, from + barWidth};
    }

    /** The value bars grow from: zero when the axis shows it, else the axis end nearest zero. */
    static double baseline(Scale y) {
        if (y.log()) {
            return y.lo();
        }
        return Math.max(y.lo(), Math.min(y.hi(), 0));
    }
}
