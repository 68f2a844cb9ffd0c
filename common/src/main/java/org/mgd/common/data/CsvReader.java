package org.mgd.common.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.mgd.common.MgdException;
import org.mgd.common.io.HadoopFiles;

/**
 * Reads a numeric CSV table, one example per line: features and an integer label, raw or gzipped.
 * Every error names the file and the line, because the usual fix is to open the file there.
 */
public final class CsvReader {
    private CsvReader() {}

    /** Reads {@code location} (a local path or any Hadoop URI); example shape is [featureCount]. */
    public static Dataset read(String location, CsvOptions options) {
        try (InputStream in = HadoopFiles.open(location)) {
            return read(in, location, options);
        } catch (IOException e) {
            throw new MgdException("cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    /** For data that is not a file (a classpath resource); {@code name} is used in messages. */
    static Dataset read(InputStream raw, String name, CsvOptions options) throws IOException {
        CsvOptions opts = options != null ? options : CsvOptions.DEFAULTS;
        BufferedReader reader = new BufferedReader(
                new InputStreamReader(Compression.decompressIfGzip(raw), StandardCharsets.UTF_8));

        int columns = -1;
        int labelIndex = -1;
        int featureCount = 0;
        double[] features = new double[0];
        int[] labels = new int[0];
        int rows = 0;
        int maxLabel = 0;
        double maxFeature = 0;

        int lineNumber = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a byte-order mark from spreadsheet exports, not data
            }
            if (lineNumber == 1 && opts.header()) {
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            String where = name + ", line " + lineNumber + ": ";
            String[] cells = line.split(",", -1);
            // Words on the first line are almost always column names.
            String hint = lineNumber == 1 && !opts.header() ? " (if line 1 is a header, set header: true)" : "";

            if (columns < 0) {
                columns = cells.length;
                labelIndex = opts.labelColumn() >= 0 ? opts.labelColumn() : columns + opts.labelColumn();
                if (labelIndex < 0 || labelIndex >= columns) {
                    throw new MgdException(where + "label column " + opts.labelColumn()
                            + " is outside the row, which has " + columns + " columns");
                }
                if (columns < 2) {
                    throw new MgdException(where + "the row has " + columns
                            + " column; each row needs at least one feature and a label");
                }
                featureCount = columns - 1;
                features = new double[64 * featureCount];
                labels = new int[64];
            } else if (cells.length != columns) {
                throw new MgdException(where + "the line has " + cells.length + " columns, expected " + columns);
            }

            if (rows == labels.length) {
                if ((long) rows * 2 * featureCount > Integer.MAX_VALUE - 16) {
                    throw new MgdException(where + "too many values to load into memory ("
                            + rows + " rows of " + featureCount + " features so far)");
                }
                labels = Arrays.copyOf(labels, rows * 2);
                features = Arrays.copyOf(features, rows * 2 * featureCount);
            }

            int label = parseLabel(cells[labelIndex].trim(), where, labelIndex, hint);
            Integer classes = opts.classes();
            if (classes != null && label >= classes) {
                throw new MgdException(where + "label " + label + " is out of range for " + classes
                        + " classes (labels must be in [0, " + classes + "))");
            }
            labels[rows] = label;
            maxLabel = Math.max(maxLabel, label);

            int offset = rows * featureCount;
            for (int c = 0; c < columns; c++) {
                if (c == labelIndex) {
                    continue;
                }
                double v = parseNumber(cells[c].trim(), where, c, hint);
                if (v < 0) {
                    throw new MgdException(where + "column " + (c + 1) + ": feature " + cells[c].trim()
                            + " is negative; features must be >= 0 (they are scaled into [0,1])");
                }
                if (opts.featureScale() != null && v / opts.featureScale() > 1) {
                    throw new MgdException(where + "column " + (c + 1) + ": feature " + cells[c].trim()
                            + " is above feature_scale " + opts.featureScale()
                            + ", so it would not lie in [0,1] after scaling");
                }
                maxFeature = Math.max(maxFeature, v);
                features[offset++] = v;
            }
            rows++;
        }

        if (rows == 0) {
            throw new MgdException(name + ": no data rows" + (opts.header() ? " after the header" : "")
                    + " (" + lineNumber + " lines read)");
        }

        features = Arrays.copyOf(features, rows * featureCount);
        double scale = opts.featureScale() != null ? opts.featureScale() : Math.max(1.0, maxFeature);
        if (scale != 1.0) {
            for (int i = 0; i < features.length; i++) {
                features[i] /= scale;
            }
        }
        int classes = opts.classes() != null ? opts.classes() : maxLabel + 1;
        return new Dataset(features, Arrays.copyOf(labels, rows), classes, new int[] {featureCount});
    }

    private static double parseNumber(String text, String where, int column, String hint) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new MgdException(where + "column " + (column + 1) + ": non-numeric value \"" + text + "\"" + hint);
        }
        if (Double.isNaN(v)) {
            throw new MgdException(where + "column " + (column + 1) + ": NaN is not allowed");
        }
        if (Double.isInfinite(v)) {
            throw new MgdException(where + "column " + (column + 1) + ": infinite value \"" + text + "\" is not allowed");
        }
        return v;
    }

    private static int parseLabel(String text, String where, int column, String hint) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        // "3.0" is accepted: numeric tools often write integer labels as floats.
        if (!(v >= 0 && v == Math.rint(v) && v < Integer.MAX_VALUE)) {
            throw new MgdException(where + "column " + (column + 1) + ": label \"" + text
                    + "\" is not a non-negative integer" + hint);
        }
        return (int) v;
    }
}
