package org.mgd.driver.report.plot;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mgd.driver.report.plot.PngAssertions.decode;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writes one example of each figure to target/plot-examples/, for a person to look at: layout bugs
 * (overlapping labels, clipped text) show there long before any assertion could name them.
 */
class PlotExamplesTest {
    static final Path DIR = Path.of("target", "plot-examples");

    @BeforeAll
    static void makeDirectory() throws Exception {
        Files.createDirectories(DIR);
    }

    static Chart lineChart() {
        Random rnd = new Random(1);
        int n = 201;
        double[] step = new double[n];
        double[] mgd = new double[n];
        double[] random = new double[n];
        double[] full = new double[n];
        for (int i = 0; i < n; i++) {
            step[i] = i;
            mgd[i] = 0.35 + 1.9 * Math.exp(-i / 30.0) + 0.03 * rnd.nextGaussian();
            random[i] = 0.55 + 1.8 * Math.exp(-i / 45.0) + 0.03 * rnd.nextGaussian();
            full[i] = 0.48 + 1.85 * Math.exp(-i / 40.0) + 0.03 * rnd.nextGaussian();
        }
        for (int i = 120; i < 130; i++) {
            random[i] = Double.NaN; // a logging gap: the line breaks here
        }
        return Chart.builder("Target loss during training").xLabel("optimizer step").yLabel("target loss")
                .line(step, mgd, "MGD-selected data")
                .line(step, random, "random 50% subset")
                .line(step, full, "full training set")
                .referenceLine(0.42, "best baseline (0.42)")
                .build();
    }

    static Chart scatterChart() {
        Random rnd = new Random(2);
        int n = 14;
        double[] predicted = new double[n];
        double[] actual = new double[n];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            predicted[i] = -0.02 + 0.045 * rnd.nextDouble();
            actual[i] = predicted[i] * 0.9 + 0.003 * rnd.nextGaussian();
            labels.add("run " + (i + 1));
        }
        return Chart.builder("Metagradient prediction vs retraining")
                .xLabel("predicted change in target loss").yLabel("actual change")
                .scatter(predicted, actual, "removed 1% of data", labels)
                .scatter(new double[] {0.012, -0.015}, new double[] {0.018, -0.009}, "outliers")
                .referenceLine(0, "no change")
                .build();
    }

    static Chart barChart() {
        List<String> methods = List.of("random", "loss-based", "influence", "TRAK", "MGD (ours)");
        return Chart.builder("Test accuracy by data-selection method").yLabel("test accuracy")
                .bars(methods, new double[] {0.862, 0.871, 0.884, 0.897, 0.931},
                        new double[] {0.008, 0.011, 0.006, 0.007, 0.004}, "clean data")
                .bars(methods, new double[] {0.701, 0.744, 0.792, 0.815, 0.902},
                        new double[] {0.015, 0.012, 0.014, 0.01, 0.006}, "10% poisoned")
                .referenceLine(0.94, "full clean data")
                .build();
    }

    static Chart logChart() {
        int n = 60;
        double[] k = new double[n];
        double[] replay = new double[n];
        double[] naive = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = 1 + i;
            replay[i] = 3e-10 * Math.pow(1.08, i) * (1 + 0.3 * Math.sin(i));
            naive[i] = 2e-6 * Math.pow(1.15, i);
        }
        return Chart.builder("Relative error vs finite differences").xLabel("training steps (hundreds)")
                .yLabel("relative error").logY()
                .line(k, replay, "REPLAY (exact)")
                .line(k, naive, "float32 unrolled")
                .referenceLine(1e-4, "tolerance 1e-4")
                .build();
    }

    static Chart slantedBars() {
        List<String> names = List.of("digits-mlp baseline", "digits-mlp + metasmooth", "mnist-mlp baseline",
                "mnist-mlp + metasmooth", "mnist-mlp + data weights", "cifar-resnet (8 layer)", "x");
        return Chart.builder("Wall-clock per metagradient").yLabel("seconds")
                .bars(names, new double[] {1.9, 2.3, 31, 36, 40, -4, 0.5}, "time").build();
    }

    static Chart labelledBars() {
        List<String> names = List.of("MGD selection", "random subset (MGD's start)", "whole pool",
                "small-loss filtering", "gradient alignment", "clean-label oracle (for scale)");
        double[] accuracy = {0.9044, 0.8595, 0.8971, 0.8771, 0.71, 0.9089};
        List<String> labels = new ArrayList<>();
        for (double a : accuracy) {
            labels.add(String.format("%.2f%%", 100 * a));
        }
        return Chart.builder("Test accuracy, retrained with unseen seeds").yLabel("test accuracy")
                .bars(names, accuracy, new double[] {0.002, 0.017, 0.004, 0.0012, 0.0051, 0.0022}, "mean ± std", labels)
                .build();
    }

    static Chart manySeries() {
        Chart.Builder b = Chart.builder("Eight learning-rate schedules").xLabel("step").yLabel("learning rate");
        for (int s = 0; s < 8; s++) {
            double[] x = new double[12];
            double[] y = new double[12];
            for (int i = 0; i < 12; i++) {
                x[i] = i * 10;
                y[i] = 0.1 * Math.exp(-i * (0.05 + 0.04 * s)) + 0.002 * s;
            }
            b.line(x, y, "schedule " + (char) ('A' + s));
        }
        b.line(new double[] {55}, new double[] {0.06}, "single point");
        return b.build();
    }

    static List<double[]> digits(boolean poisoned) {
        List<double[]> images = new ArrayList<>();
        Random rnd = new Random(3);
        for (int d = 0; d < 8; d++) {
            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 24));
            g.drawString(String.valueOf(d), 7, 23);
            g.dispose();
            double[] px = new double[28 * 28];
            for (int i = 0; i < 28; i++) {
                for (int j = 0; j < 28; j++) {
                    px[i * 28 + j] = (img.getRGB(j, i) & 0xFF) / 255.0;
                    if (poisoned) {
                        px[i * 28 + j] = Math.max(0, Math.min(1, px[i * 28 + j] + 0.12 * rnd.nextGaussian()));
                        if (i >= 23 && i <= 25 && j >= 23 && j <= 25) {
                            px[i * 28 + j] = 1; // the backdoor trigger
                        }
                    }
                }
            }
            images.add(px);
        }
        return images;
    }

    static ImageGrid digitGrid() {
        return new ImageGrid(28, 28).scale(3).row("clean", digits(false)).row("poisoned", digits(true));
    }

    private static void write(Chart chart, String name, int w, int h) throws Exception {
        Path file = DIR.resolve(name);
        chart.writePng(file, w, h);
        decode(Files.readAllBytes(file), w, h);
    }

    @Test
    void line() throws Exception {
        write(lineChart(), "line.png", 800, 500);
        write(lineChart(), "line-small.png", 400, 260);
    }

    @Test
    void scatter() throws Exception {
        write(scatterChart(), "scatter.png", 800, 550);
    }

    @Test
    void bars() throws Exception {
        write(barChart(), "bars.png", 800, 500);
        write(slantedBars(), "bars-long-names.png", 640, 420);
        write(labelledBars(), "bars-labelled.png", 900, 500);
        write(labelledBars(), "edge/tiny-labelled-bars.png", ChartRenderer.MIN_WIDTH, ChartRenderer.MIN_HEIGHT);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Chart.builder("t").bars(List.of("a", "b"), new double[] {1, 2}, null, "v", List.of("1")));
        assertTrue(e.getMessage().contains("2 values but 1 value labels"), e.getMessage());
    }

    @Test
    void logY() throws Exception {
        write(logChart(), "log.png", 800, 500);
    }

    @Test
    void manySeriesLegend() throws Exception {
        write(manySeries(), "many-series.png", 800, 500);
    }

    @Test
    void edgeCases() throws Exception {
        write(Chart.builder("One point").xLabel("x").yLabel("y")
                .line(new double[] {3}, new double[] {0.7}, "only").build(), "edge/single-point.png", 400, 300);
        write(Chart.builder("Nothing finite").xLabel("x").yLabel("y")
                .line(new double[] {0, 1}, new double[] {Double.NaN, Double.NaN}, "diverged").build(),
                "edge/no-data.png", 400, 300);
        write(barChart(), "edge/tiny-bars.png", ChartRenderer.MIN_WIDTH, ChartRenderer.MIN_HEIGHT);
        write(scatterChart(), "edge/tiny-scatter.png", ChartRenderer.MIN_WIDTH, ChartRenderer.MIN_HEIGHT);
        write(barChart(), "edge/small-bars.png", 320, 220);
        write(lineChart(), "edge/large-line.png", 1600, 1000);
        write(Chart.builder("Huge values, no labels").line(new double[] {0, 1e6, 2e6}, new double[] {3e7, 1e7, 5e6}, null)
                .build(), "edge/huge-values.png", 500, 320);
        write(Chart.builder("Narrow log range").logY().line(new double[] {1, 2, 3, 4}, new double[] {0.31, 0.5, 0.62, 0.88}, "acc")
                .build(), "edge/narrow-log.png", 500, 320);
    }

    @Test
    void imageGrid() throws Exception {
        ImageGrid grid = digitGrid();
        Path file = DIR.resolve("image-grid.png");
        grid.writePng(file);
        decode(Files.readAllBytes(file), grid.width(), grid.height());
    }

    @Test
    void report() throws Exception {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("spec", "deploy/examples/mnist-mlp.yaml");
        summary.put("training steps", 200);
        summary.put("target loss", 0.17181234);
        summary.put("note", "<b>not bold</b> & escaped");
        new HtmlReport("Example report: data poisoning on MNIST")
                .paragraph("Every figure below is embedded in this file; it opens without a network.")
                .keyValues(summary)
                .heading("Training")
                .figure(lineChart().png(800, 500), "Target loss: MGD-selected data against baselines.")
                .figure(logChart().png(800, 500), "REPLAY stays exact as runs get longer.")
                .heading("Attack")
                .figure(digitGrid().png(), "Clean digits and their poisoned versions (trigger bottom right).")
                .figure(barChart().png(800, 500), "Accuracy with and without poisoning; bars show one standard error.")
                .table(List.of("method", "clean acc", "poisoned acc"),
                        List.of(List.of("random", 0.862, 0.701), List.of("MGD (ours)", 0.931, 0.902)))
                .write(DIR.resolve("report.html"));
    }
}
