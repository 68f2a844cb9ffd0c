package org.mgd.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reads the real MNIST files when deploy/datasets/fetch.sh mnist has put them in data/. */
class MnistDataTest {
    @Test
    void trainSet() {
        // Tests run with the module directory (common/) as the working directory.
        Path mnist = Path.of(System.getProperty("user.dir")).resolve("../data/mnist").normalize();
        assumeTrue(Files.isDirectory(mnist), "no " + mnist + "; run deploy/datasets/fetch.sh mnist");
        Dataset d = DataSources.load("idx:" + mnist.resolve("train"), null, null);
        try {
            assertEquals(60000, d.size());
            assertEquals(784, d.featureCount());
            assertArrayEquals(new int[] {1, 28, 28}, d.shape());
            assertEquals(10, d.classes());
        } finally {
            DataSources.clearCache(); // 376 MB of doubles: do not keep it for the other tests
        }
    }
}
