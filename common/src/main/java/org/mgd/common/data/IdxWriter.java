package org.mgd.common.data;

import java.nio.ByteBuffer;
import org.mgd.common.MgdException;
import org.mgd.common.io.HadoopFiles;

/**
 * Writes a dataset as an IDX image/label file pair (the MNIST format {@link IdxReader} reads):
 * {@code PREFIX-images-idx3-ubyte} and {@code PREFIX-labels-idx1-ubyte}, so {@code idx:PREFIX} is
 * a data source again. Features in [0, 1] are stored as unsigned bytes, {@code round(255·x)}: a
 * value moves by at most 1/510, the format's own resolution. Each file is written atomically.
 */
public final class IdxWriter {
    private IdxWriter() {}

    public static void write(String prefix, Dataset d) {
        int[] shape = d.shape();
        // IdxReader reads 28x28 files as [1, 28, 28]; the channel is not a dimension of the file.
        int[] exampleDims = shape.length == 3 && shape[0] == 1 ? new int[] {shape[1], shape[2]} : shape;
        int n = d.size();
        int features = d.featureCount();
        ByteBuffer images = ByteBuffer.allocate(4 + 4 * (1 + exampleDims.length) + n * features);
        images.putInt(0x00000800 | (1 + exampleDims.length)).putInt(n);
        for (int dim : exampleDims) {
            images.putInt(dim);
        }
        double[] x = d.features();
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= 0 && x[i] <= 1)) {
                throw new MgdException("cannot write " + prefix + " as IDX: feature " + (i % features) + " of example "
                        + (i / features) + " is " + x[i] + ", outside the [0, 1] that IDX bytes hold");
            }
            images.put((byte) Math.round(255 * x[i]));
        }
        ByteBuffer labels = ByteBuffer.allocate(8 + n);
        labels.putInt(0x00000801).putInt(n);
        for (int i = 0; i < n; i++) {
            int y = d.label(i);
            if (y > 255) {
                throw new MgdException("cannot write " + prefix + " as IDX: label " + y + " does not fit a byte");
            }
            labels.put((byte) y);
        }
        HadoopFiles.writeAtomically(prefix + "-images-idx3-ubyte", images.array());
        HadoopFiles.writeAtomically(prefix + "-labels-idx1-ubyte", labels.array());
    }
}
