package org.mgd.common.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.mgd.common.MgdException;
import org.mgd.common.io.HadoopFiles;

/**
 * Reads an IDX image/label file pair (the MNIST format), raw or gzipped.
 *
 * <p>IDX: a big-endian int32 magic number {@code 0x0000TTNN} (TT the element type, NN the number
 * of dimensions), NN big-endian int32 sizes, then the elements. Only unsigned bytes (TT = 0x08)
 * are supported, which is what every public IDX dataset uses.
 */
public final class IdxReader {
    private IdxReader() {}

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    /**
     * @param classes number of classes, or null to use the largest label + 1
     * @return features scaled to [0,1] by /255; example shape [1, h, w] for 3-dimensional
     *     image files (one channel first, as convolutional layers expect) or [d] for 2-dimensional ones
     */
    public static Dataset read(String imagesLocation, String labelsLocation, Integer classes) {
        if (classes != null && classes < 1) {
            throw new MgdException("classes must be at least 1, got " + classes);
        }
        IdxFile images = readFile(imagesLocation, false);
        IdxFile labels = readFile(labelsLocation, true);

        int count = images.dims[0];
        if (labels.dims[0] != count) {
            throw new MgdException(imagesLocation + " has " + count + " images but " + labelsLocation
                    + " has " + labels.dims[0] + " labels; the two files must have one label per image");
        }
        if (count == 0) {
            throw new MgdException(imagesLocation + ": contains no examples");
        }
        return decode(images.dims, images.data, labels.data, 0, classes, labelsLocation);
    }

    /** How many examples an IDX images file holds (reads its header only). */
    public static int count(String imagesLocation) {
        try (InputStream in = Compression.decompressIfGzip(HadoopFiles.open(imagesLocation))) {
            return readHeader(in, imagesLocation, false)[0];
        } catch (IOException e) {
            throw new MgdException("cannot read " + imagesLocation + ": " + e.getMessage(), e);
        }
    }

    /**
     * Examples {@code [from, to)} only, streaming past the others: a Spark partition of a pool
     * reads its own slice, never the whole file. Same scaling and shape as {@link #read}.
     */
    public static Dataset readRange(String imagesLocation, String labelsLocation, int from, int to, int classes) {
        try (InputStream images = Compression.decompressIfGzip(HadoopFiles.open(imagesLocation));
             InputStream labels = Compression.decompressIfGzip(HadoopFiles.open(labelsLocation))) {
            int[] dims = readHeader(images, imagesLocation, false);
            int[] labelDims = readHeader(labels, labelsLocation, true);
            if (from < 0 || to > dims[0] || from > to || labelDims[0] != dims[0]) {
                throw new MgdException(imagesLocation + ": cannot read examples [" + from + ", " + to + ") of " + dims[0]
                        + (labelDims[0] != dims[0] ? " (" + labelsLocation + " has " + labelDims[0] + " labels)" : ""));
            }
            int record = 1;
            for (int i = 1; i < dims.length; i++) {
                record *= dims[i];
            }
            images.skipNBytes((long) from * record);
            labels.skipNBytes(from);
            byte[] x = new byte[(to - from) * record];
            byte[] y = new byte[to - from];
            if (readUpTo(images, x) < x.length || readUpTo(labels, y) < y.length) {
                throw new MgdException(imagesLocation + ": truncated file: examples [" + from + ", " + to + ") are not all there");
            }
            return decode(dims, x, y, from, classes, labelsLocation);
        } catch (java.io.EOFException e) {
            throw new MgdException(imagesLocation + ": truncated file before example " + from);
        } catch (IOException e) {
            throw new MgdException("cannot read " + imagesLocation + ": " + e.getMessage(), e);
        }
    }

    /**
     * Examples {@code first, first + 1, ...} from their raw bytes: pixels scaled by /255, labels
     * checked against {@code classes} (null: the largest label + 1), shape [1, h, w] for images.
     */
    private static Dataset decode(int[] dims, byte[] pixels, byte[] labelBytes, int first, Integer classes,
                                  String labelsLocation) {
        int[] y = new int[labelBytes.length];
        int max = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = labelBytes[i] & 0xff;
            max = Math.max(max, y[i]);
            if (classes != null && y[i] >= classes) {
                throw new MgdException(labelsLocation + ": label " + y[i] + " of example " + (first + i)
                        + " is out of range for " + classes + " classes (labels must be in [0, " + classes + "))");
            }
        }
        double[] x = new double[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (pixels[i] & 0xff) / 255.0;
        }
        int[] exampleDims = Arrays.copyOfRange(dims, 1, dims.length);
        int[] shape = exampleDims.length == 2
                ? new int[] {1, exampleDims[0], exampleDims[1]}
                : exampleDims;
        return new Dataset(x, y, classes != null ? classes : max + 1, shape);
    }

    private record IdxFile(int[] dims, byte[] data) {}

    private static IdxFile readFile(String location, boolean labels) {
        try (InputStream in = Compression.decompressIfGzip(HadoopFiles.open(location))) {
            return parse(in, location, labels);
        } catch (IOException e) {
            throw new MgdException("cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    private static int[] readHeader(InputStream in, String location, boolean labels) throws IOException {
        int expectedMagic = labels ? LABELS_MAGIC : IMAGES_MAGIC;
        String kind = labels ? "IDX labels file" : "IDX images file";

        byte[] magicBytes = new byte[4];
        int got = readUpTo(in, magicBytes);
        if (got == 0) {
            throw new MgdException(location + ": empty file (expected an " + kind + ")");
        }
        if (got < 4) {
            throw new MgdException(location + ": truncated file: " + got
                    + " bytes, too short for the 4-byte IDX magic number");
        }
        int magic = ByteBuffer.wrap(magicBytes).getInt();
        if (magicBytes[0] != 0 || magicBytes[1] != 0) {
            throw badMagic(location, magic, expectedMagic, kind);
        }
        int type = magicBytes[2] & 0xff;
        if (type != UNSIGNED_BYTE) {
            throw new MgdException(String.format("%s: unsupported data type 0x%02X in magic number 0x%08X;"
                    + " only unsigned bytes (0x08) are supported", location, type, magic));
        }
        int rank = magicBytes[3] & 0xff;
        // Labels are one number per example; images are 2-D vectors or 3-D (and 4-D, channels
        // included) image stacks.
        boolean rankOk = labels ? rank == 1 : rank >= 2 && rank <= 4;
        if (!rankOk) {
            throw badMagic(location, magic, expectedMagic, kind);
        }

        byte[] header = new byte[4 * rank];
        int headerGot = readUpTo(in, header);
        if (headerGot < header.length) {
            throw new MgdException(location + ": truncated file: the header declares " + rank
                    + " dimensions but ends after " + (4 + headerGot) + " bytes");
        }
        ByteBuffer dimBuffer = ByteBuffer.wrap(header);
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = dimBuffer.getInt();
            if (dims[i] < 0 || (i > 0 && dims[i] == 0)) {
                throw new MgdException(location + ": invalid size " + Integer.toUnsignedString(dims[i])
                        + " for dimension " + i + " in the header");
            }
        }
        return dims;
    }

    private static IdxFile parse(InputStream in, String location, boolean labels) throws IOException {
        int[] dims = readHeader(in, location, labels);
        long total = 1;
        for (int d : dims) {
            total *= d;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new MgdException(location + ": " + total + " bytes of data is too large to load into memory"
                    + " (dimensions " + Arrays.toString(dims) + ")");
        }

        byte[] data = new byte[(int) total];
        int dataGot = readUpTo(in, data);
        if (dataGot < total) {
            throw new MgdException(location + ": truncated file: expected " + total + " bytes of data for dimensions "
                    + Arrays.toString(dims) + ", found " + dataGot);
        }
        // Trailing bytes mean the header does not describe the file: most likely a damaged or
        // hand-edited file, whose examples would otherwise be silently misaligned.
        if (readUpTo(in, new byte[1]) > 0) {
            throw new MgdException(location + ": more data than the header declares (dimensions "
                    + Arrays.toString(dims) + ", " + total + " bytes)");
        }
        return new IdxFile(dims, data);
    }

    private static MgdException badMagic(String location, int found, int expected, String kind) {
        String hint = "";
        if (found == LABELS_MAGIC) {
            hint = " (this looks like an IDX labels file)";
        } else if (found == IMAGES_MAGIC) {
            hint = " (this looks like an IDX images file)";
        }
        return new MgdException(String.format("%s: bad magic number 0x%08X, expected 0x%08X for an %s%s",
                location, found, expected, kind, hint));
    }

    /**
     * Reads until {@code buffer} is full or the input ends, returning the count. A gzip stream
     * cut short throws EOFException instead of returning -1; both mean the same to a caller that
     * wants to report a truncated file with the number of bytes it did find.
     */
    private static int readUpTo(InputStream in, byte[] buffer) throws IOException {
        int n = 0;
        try {
            while (n < buffer.length) {
                int r = in.read(buffer, n, buffer.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (EOFException e) {
            // Truncated compressed data: report what arrived.
        }
        return n;
    }
}
