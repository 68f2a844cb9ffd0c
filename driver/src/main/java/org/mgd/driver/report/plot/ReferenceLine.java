package org.mgd.driver.report.plot;

/** A horizontal line across the plot at {@code y = value}, labelled at its right end ("best baseline"). */
public record ReferenceLine(double value, String label) {
    public ReferenceLine {
        label = label == null ? "" : label;
    }
}
