package org.mgd.common.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Transparent gzip: data files are often stored compressed, and names do not always say so. */
final class Compression {
    private Compression() {}

    private static final int BUFFER = 1 << 16;

    /**
     * Wraps {@code raw} in a gzip decoder when it starts with the gzip magic bytes (1f 8b).
     * Sniffing the content rather than trusting a ".gz" suffix means a renamed or mislabelled
     * file is still read correctly.
     */
    static InputStream decompressIfGzip(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, BUFFER) : in;
    }
}
