package org.mgd.driver.report.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mgd.driver.report.plot.PngAssertions.decode;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PlotImageGridTest {

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    @Test
    void sizeIsGapPlusCellsPlusGaps() {
        double[] img = filled(28 * 28, 0.5);
        ImageGrid grid = new ImageGrid(28, 28).scale(2).row(null, img, img, img);
        assertEquals(2 + 3 * (56 + 2), grid.width());
        assertEquals(2 + 56 + 2, grid.height());
        decode(grid.png(), 176, 60);

        ImageGrid twoRows = new ImageGrid(8, 6).scale(3).gap(0).row("", filled(48, 0), filled(48, 1))
                .row(null, filled(48, 1));
        assertEquals(2 * 6 * 3, twoRows.width());
        assertEquals(2 * 8 * 3, twoRows.height());
        decode(twoRows.png(), 36, 48);
    }

    @Test
    void rowLabelsAddAColumnOnTheLeft() {
        double[] img = filled(28 * 28, 0.5);
        ImageGrid plain = new ImageGrid(28, 28).scale(2).row(null, img, img).row(null, img);
        ImageGrid labelled = new ImageGrid(28, 28).scale(2).row("clean", img, img).row("poisoned", img);
        assertTrue(labelled.width() > plain.width() + 30, labelled.width() + " vs " + plain.width());
        assertEquals(plain.height(), labelled.height());
        decode(labelled.png(), labelled.width(), labelled.height());
    }

    @Test
    void pixelsAreScaledWithHardEdgesAndMappedToGray() {
        double[] img = {0, 1, 0.5, Double.NaN}; // 2x2
        BufferedImage out = decode(new ImageGrid(2, 2).scale(4).gap(0).row(null, img).png(), 8, 8);
        assertEquals(0x000000, out.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x000000, out.getRGB(3, 3) & 0xFFFFFF);
        assertEquals(0xFFFFFF, out.getRGB(4, 0) & 0xFFFFFF);
        assertEquals(0x808080, out.getRGB(1, 5) & 0xFFFFFF);
        assertEquals(0xD55E00, out.getRGB(7, 7) & 0xFFFFFF, "NaN pixels stand out");

        BufferedImage paper = decode(new ImageGrid(2, 2).gap(0).inkOnPaper().row(null, img).png(), 2, 2);
        assertEquals(0xFFFFFF, paper.getRGB(0, 0) & 0xFFFFFF);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ImageGrid(28, 28).row("x", new double[10]));
        assertThrows(IllegalArgumentException.class, () -> new ImageGrid(28, 28).png());
        assertThrows(IllegalArgumentException.class, () -> new ImageGrid(0, 28));
        assertThrows(IllegalArgumentException.class, () -> new ImageGrid(2, 2).scale(0));
    }
}
