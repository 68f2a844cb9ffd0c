package org.mgd.driver.report.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Decoding and pixel checks shared by the plot tests. */
final class PngAssertions {
    private PngAssertions() {
    }

    static BufferedImage decode(byte[] png, int width, int height) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertNotNull(image, "ImageIO could not decode the PNG");
        assertEquals(width, image.getWidth(), "width");
        assertEquals(height, image.getHeight(), "height");
        return image;
    }

    /** Pixels within {@code tolerance} (per channel) of {@code color} in the central plot region. */
    static int pixelsNear(BufferedImage image, Color color, int tolerance) {
        int count = 0;
        int x0 = image.getWidth() / 8;
        int x1 = image.getWidth() - image.getWidth() / 20;
        int y0 = image.getHeight() / 10;
        int y1 = image.getHeight() - image.getHeight() / 7;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - color.getRed()) <= tolerance
                        && Math.abs(c.getGreen() - color.getGreen()) <= tolerance
                        && Math.abs(c.getBlue() - color.getBlue()) <= tolerance) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Pixels in the central plot region that are clearly coloured or dark: not white, not grid gray. */
    static int inkPixels(BufferedImage image) {
        int count = 0;
        int x0 = image.getWidth() / 8;
        int x1 = image.getWidth() - image.getWidth() / 20;
        int y0 = image.getHeight() / 10;
        int y1 = image.getHeight() - image.getHeight() / 7;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                Color c = new Color(image.getRGB(x, y));
                int max = Math.max(c.getRed(), Math.max(c.getGreen(), c.getBlue()));
                int min = Math.min(c.getRed(), Math.min(c.getGreen(), c.getBlue()));
                if (max - min > 40 || max < 200) {
                    count++;
                }
            }
        }
        return count;
    }

    static int differingPixels(BufferedImage a, BufferedImage b) {
        int count = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    count++;
                }
            }
        }
        return count;
    }
}
