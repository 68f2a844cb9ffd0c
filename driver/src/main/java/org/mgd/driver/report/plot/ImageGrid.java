package org.mgd.driver.report.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Small grayscale images (pixels in [0, 1], row-major, each {@code imageHeight x imageWidth}) in
 * labelled rows, scaled up with hard pixel edges: e.g. clean digits above their poisoned versions.
 *
 * <pre>{@code
 * new ImageGrid(28, 28).scale(3).row("clean", clean).row("poisoned", poisoned).writePng(file);
 * }</pre>
 *
 * Size: {@code width = gap + labelColumn + columns * (imageWidth * scale + gap)} and
 * {@code height = gap + rows * (imageHeight * scale + gap)}, where {@code labelColumn} is 0 without
 * row labels. Values outside [0, 1] are clamped; NaN pixels show in vermillion, so bad data is seen.
 */
public final class ImageGrid {
    private static final Color NAN_PIXEL = new Color(0xD55E00);
    private static final Color FRAME = new Color(0xBBBBBB);

    private record Row(String label, List<double[]> images) {
    }

    private final int imageHeight;
    private final int imageWidth;
    private final List<Row> rows = new ArrayList<>();
    private int scale = 1;
    private int gap = 2;
    private boolean inkOnPaper;

    public ImageGrid(int imageHeight, int imageWidth) {
        if (imageHeight < 1 || imageWidth < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + imageHeight + "x" + imageWidth);
        }
        this.imageHeight = imageHeight;
        this.imageWidth = imageWidth;
    }

    /** Each source pixel becomes {@code factor x factor} pixels. */
    public ImageGrid scale(int factor) {
        if (factor < 1 || factor > 64) {
            throw new IllegalArgumentException("scale must be 1..64, got " + factor);
        }
        this.scale = factor;
        return this;
    }

    /** White space between images and around the grid, in output pixels. */
    public ImageGrid gap(int pixels) {
        if (pixels < 0) {
            throw new IllegalArgumentException("gap must be >= 0, got " + pixels);
        }
        this.gap = pixels;
        return this;
    }

    /** Draws 0 as white and 1 as black (dark ink on paper) instead of the default 0 black, 1 white. */
    public ImageGrid inkOnPaper() {
        this.inkOnPaper = true;
        return this;
    }

    /** Appends a row; {@code label} may be null or blank for none. */
    public ImageGrid row(String label, List<double[]> images) {
        for (int i = 0; i < images.size(); i++) {
            double[] image = images.get(i);
            if (image == null || image.length != imageHeight * imageWidth) {
                throw new IllegalArgumentException("row '" + label + "' image " + i + " has "
                        + (image == null ? "no" : String.valueOf(image.length)) + " pixels, expected "
                        + imageHeight + "x" + imageWidth + " = " + imageHeight * imageWidth);
            }
        }
        rows.add(new Row(label == null ? "" : label, images.stream().map(double[]::clone).toList()));
        return this;
    }

    public ImageGrid row(String label, double[]... images) {
        return row(label, Arrays.asList(images));
    }

    public int columns() {
        return rows.stream().mapToInt(r -> r.images.size()).max().orElse(0);
    }

    public int width() {
        return gap + labelColumnWidth() + columns() * (imageWidth * scale + gap);
    }

    public int height() {
        return gap + rows.size() * (imageHeight * scale + gap);
    }

    public byte[] png() {
        return Png.encode(image());
    }

    public void writePng(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, png());
    }

    public BufferedImage image() {
        if (columns() == 0) {
            throw new IllegalArgumentException("image grid has no images: add a row with at least one");
        }
        BufferedImage out = Png.whiteCanvas(width(), height());
        Graphics2D g = Png.smoothGraphics(out);
        try {
            int left = gap + labelColumnWidth();
            int cellW = imageWidth * scale;
            int cellH = imageHeight * scale;
            g.setFont(labelFont());
            for (int r = 0; r < rows.size(); r++) {
                Row row = rows.get(r);
                int top = gap + r * (cellH + gap);
                if (!row.label.isBlank()) {
                    g.setColor(Palette.INK);
                    Text.rightAligned(g, row.label, left - Math.max(gap, 6), top + cellH / 2.0);
                }
                for (int c = 0; c < row.images.size(); c++) {
                    int x = left + c * (cellW + gap);
                    paint(out, row.images.get(c), x, top);
                    if (inkOnPaper && gap > 0) {
                        // White digits on white paper need an edge to tell cell from margin.
                        g.setColor(FRAME);
                        g.drawRect(x - 1, top - 1, cellW + 1, cellH + 1);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private void paint(BufferedImage out, double[] pixels, int x0, int y0) {
        for (int i = 0; i < imageHeight; i++) {
            for (int j = 0; j < imageWidth; j++) {
                int rgb = rgb(pixels[i * imageWidth + j]);
                for (int di = 0; di < scale; di++) {
                    for (int dj = 0; dj < scale; dj++) {
                        out.setRGB(x0 + j * scale + dj, y0 + i * scale + di, rgb);
                    }
                }
            }
        }
    }

    private int rgb(double v) {
        if (Double.isNaN(v)) {
            return NAN_PIXEL.getRGB();
        }
        double clamped = Math.max(0, Math.min(1, v));
        int level = (int) Math.round((inkOnPaper ? 1 - clamped : clamped) * 255);
        return 0xFF000000 | level << 16 | level << 8 | level;
    }

    private int labelColumnWidth() {
        if (rows.stream().allMatch(r -> r.label.isBlank())) {
            return 0;
        }
        BufferedImage scratch = Png.whiteCanvas(1, 1);
        Graphics2D g = Png.smoothGraphics(scratch);
        try {
            FontMetrics fm = g.getFontMetrics(labelFont());
            double widest = rows.stream().mapToDouble(r -> Text.width(fm, r.label)).max().orElse(0);
            // Room for the widest label, a margin before it and a gap before the first image.
            return (int) Math.ceil(widest + fm.getFont().getSize2D() * 0.6) + Math.max(gap, 6);
        } finally {
            g.dispose();
        }
    }

    private Font labelFont() {
        int size = Math.max(11, Math.min(18, imageHeight * scale / 4));
        return new Font(Font.SANS_SERIF, Font.PLAIN, size);
    }
}
