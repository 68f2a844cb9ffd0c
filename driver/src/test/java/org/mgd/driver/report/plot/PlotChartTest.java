package org.mgd.driver.report.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mgd.driver.report.plot.PngAssertions.decode;
import static org.mgd.driver.report.plot.PngAssertions.differingPixels;
import static org.mgd.driver.report.plot.PngAssertions.inkPixels;
import static org.mgd.driver.report.plot.PngAssertions.pixelsNear;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotChartTest {
    private static final Color FIRST_SERIES = Palette.color(0);
    private static final Color SECOND_SERIES = Palette.color(1);

    @Test
    void lineChartDecodesAtTheRequestedSizeWithBothSeriesDrawn() {
        Chart chart = Chart.builder("Loss").xLabel("step").yLabel("loss")
                .line(new double[] {0, 1, 2, 3, 4}, new double[] {2.0, 1.2, 0.8, 0.6, 0.5}, "train")
                .line(new double[] {0, 1, 2, 3, 4}, new double[] {2.1, 1.4, 1.1, 1.0, 0.95}, "target")
                .build();
        BufferedImage image = decode(chart.png(640, 400), 640, 400);
        assertTrue(pixelsNear(image, FIRST_SERIES, 12) > 50, "first line visible");
        assertTrue(pixelsNear(image, SECOND_SERIES, 12) > 50, "second line visible");
    }

    @Test
    void scatterWithPointLabelsRenders() {
        Chart chart = Chart.builder("Runs").xLabel("predicted").yLabel("actual")
                .scatter(new double[] {0.1, 0.4, 0.5, 0.9}, new double[] {0.2, 0.35, 0.6, 0.85}, "runs",
                        List.of("a", "b", "c", "d"))
                .build();
        BufferedImage withLabels = decode(chart.png(500, 400), 500, 400);
        assertTrue(pixelsNear(withLabels, FIRST_SERIES, 12) > 40, "markers visible");
        Chart unlabelled = Chart.builder("Runs").xLabel("predicted").yLabel("actual")
                .scatter(new double[] {0.1, 0.4, 0.5, 0.9}, new double[] {0.2, 0.35, 0.6, 0.85}, "runs")
                .build();
        assertTrue(differingPixels(withLabels, unlabelled.image(500, 400)) > 30, "point labels drawn");
    }

    @Test
    void groupedBarsWithErrorBarsRender() {
        Chart chart = Chart.builder("Accuracy by method").yLabel("accuracy")
                .bars(List.of("random", "influence", "MGD"), new double[] {0.81, 0.86, 0.91},
                        new double[] {0.02, 0.015, 0.01}, "clean")
                .bars(List.of("random", "influence", "MGD"), new double[] {0.70, 0.75, 0.88}, null, "poisoned")
                .build();
        BufferedImage image = decode(chart.png(600, 400), 600, 400);
        assertTrue(pixelsNear(image, FIRST_SERIES, 4) > 500, "first bar series filled");
        assertTrue(pixelsNear(image, SECOND_SERIES, 4) > 500, "second bar series filled");
        Chart noErrors = Chart.builder("Accuracy by method").yLabel("accuracy")
                .bars(List.of("random", "influence", "MGD"), new double[] {0.81, 0.86, 0.91}, "clean")
                .bars(List.of("random", "influence", "MGD"), new double[] {0.70, 0.75, 0.88}, null, "poisoned")
                .build();
        assertTrue(differingPixels(image, noErrors.image(600, 400)) > 20, "error bars drawn");
    }

    @Test
    void referenceLineIsDrawnAcrossThePlot() {
        Chart.Builder base = Chart.builder("With baseline")
                .line(new double[] {0, 1, 2}, new double[] {0.5, 0.6, 0.7}, "ours");
        BufferedImage without = base.build().image(600, 400);
        BufferedImage with = decode(base.referenceLine(0.55, "best baseline").build().png(600, 400), 600, 400);
        assertTrue(differingPixels(without, with) > 200, "a dashed line and its label across the plot");
    }

    @Test
    void logScaleSpansDecadesAndSkipsNonPositiveValues() {
        double[] x = new double[50];
        double[] y = new double[50];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = Math.pow(10, -i / 10.0);
        }
        y[3] = 0;
        y[4] = -1;
        Chart chart = Chart.builder("Gradient error").logY().line(x, y, "relative error").build();
        BufferedImage image = decode(chart.png(600, 400), 600, 400);
        assertTrue(pixelsNear(image, FIRST_SERIES, 12) > 100);
    }

    @Test
    void singlePointSeriesShowsAMarker() {
        Chart chart = Chart.builder("One result").line(new double[] {3}, new double[] {0.7}, "only").build();
        BufferedImage image = decode(chart.png(400, 300), 400, 300);
        assertTrue(pixelsNear(image, FIRST_SERIES, 12) > 10, "a lone point must not vanish");
    }

    @Test
    void nanValuesAreSkippedNotFatal() {
        Chart chart = Chart.builder("Diverged").line(new double[] {0, 1, 2, 3, 4, 5},
                new double[] {1.0, Double.NaN, 0.8, Double.POSITIVE_INFINITY, 0.6, 0.5}, "run").build();
        BufferedImage image = decode(chart.png(400, 300), 400, 300);
        assertTrue(pixelsNear(image, FIRST_SERIES, 12) > 20);

        Chart allNan = Chart.builder("Nothing finite")
                .line(new double[] {0, 1}, new double[] {Double.NaN, Double.NaN}, "run").build();
        assertTrue(inkPixels(decode(allNan.png(400, 300), 400, 300)) > 0, "says there is nothing to show");
    }

    @Test
    void emptySeriesIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Chart.builder("x").line(new double[0], new double[0], "loss"));
        assertTrue(e.getMessage().contains("'loss'") && e.getMessage().contains("empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Chart.builder("x").scatter(new double[0], new double[0], "s"));
        assertThrows(IllegalArgumentException.class,
                () -> Chart.builder("x").bars(List.of(), new double[0], "b"));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Chart.builder("x").build());
        assertTrue(none.getMessage().contains("no series"), none.getMessage());
    }

    @Test
    void inconsistentInputsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Chart.builder("x").line(new double[] {1, 2}, new double[] {1}, "l"));
        assertThrows(IllegalArgumentException.class,
                () -> Chart.builder("x").scatter(new double[] {1}, new double[] {1}, "s", List.of("a", "b")));
        assertThrows(IllegalArgumentException.class,
                () -> Chart.builder("x").bars(List.of("a"), new double[] {1}, new double[] {1, 2}, "b"));
        assertThrows(IllegalArgumentException.class, () -> Chart.builder("x")
                .bars(List.of("a"), new double[] {1}, "b").line(new double[] {1}, "l").build());
        assertThrows(IllegalArgumentException.class, () -> Chart.builder("x")
                .bars(List.of("a"), new double[] {1}, "b").bars(List.of("z"), new double[] {1}, "c").build());
        Chart ok = Chart.builder("x").line(new double[] {1}, "l").build();
        assertThrows(IllegalArgumentException.class, () -> ok.png(10, 10));
    }

    @Test
    void manyLongCategoriesAndTinyImagesStillRender() {
        List<String> names = List.of("a very long category name", "another long category name",
                "short", "yet another rather long one", "x", "the final category with a long name");
        Chart chart = Chart.builder("A title much too long to fit in a small image at the normal title size")
                .xLabel("method").yLabel("score")
                .bars(names, new double[] {1, -2, 3, 4, 5, 6}, "score").build();
        decode(chart.png(ChartRenderer.MIN_WIDTH, ChartRenderer.MIN_HEIGHT), ChartRenderer.MIN_WIDTH, ChartRenderer.MIN_HEIGHT);
        decode(chart.png(900, 500), 900, 500);
    }

    @Test
    void writePngCreatesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/chart.png");
        Chart.builder("x").line(new double[] {1, 2, 3}, "l").build().writePng(file, 300, 200);
        decode(Files.readAllBytes(file), 300, 200);
    }

    @Test
    void seriesArraysAreCopied() {
        double[] y = {1, 2, 3};
        Chart chart = Chart.builder("x").line(y, "l").build();
        y[0] = 99;
        assertEquals(1, ((Series.Line) chart.series().get(0)).y()[0]);
    }
}
