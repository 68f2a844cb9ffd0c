/**
 * Figures and pages for people to look at: {@link org.mgd.driver.report.plot.Chart} (lines, points,
 * bars), {@link org.mgd.driver.report.plot.ImageGrid} (rows of small grayscale images) and
 * {@link org.mgd.driver.report.plot.HtmlReport} (one self-contained HTML file). Only java.awt and
 * javax.imageio, drawn off-screen, so they work headless on drivers and executors and add no
 * dependencies to the shaded jar.
 */
package org.mgd.driver.report.plot;
