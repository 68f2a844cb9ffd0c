package org.mgd.common.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Datasets shipped inside the jar, so examples and tests run with no download and no filesystem.
 */
public final class BundledData {
    private BundledData() {}

    static final String DIGITS_RESOURCE = "/org/mgd/common/data/digits.csv.gz";

    /**
     * scikit-learn's 8x8 handwritten digits: 1797 examples, 64 pixels of 0..16 scaled to [0,1],
     * shape [1, 8, 8], 10 classes. Parsed once per JVM; a Dataset is immutable, so sharing is safe.
     */
    public static Dataset digits() {
        return DigitsHolder.DIGITS;
    }

    // Initialization-on-demand holder: parsed on first use, thread-safe without locking.
    private static final class DigitsHolder {
        static final Dataset DIGITS = loadDigits();
    }

    private static Dataset loadDigits() {
        try (InputStream in = BundledData.class.getResourceAsStream(DIGITS_RESOURCE)) {
            if (in == null) {
                // The resource is part of this jar; missing means a broken build, not a user error.
                throw new IllegalStateException("classpath resource " + DIGITS_RESOURCE + " is missing");
            }
            Dataset table = CsvReader.read(in, "bundled:digits", new CsvOptions(-1, false, 16.0, 10));
            return new Dataset(table.features(), table.labels(), 10, new int[] {1, 8, 8});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIGITS_RESOURCE, e);
        }
    }
}
