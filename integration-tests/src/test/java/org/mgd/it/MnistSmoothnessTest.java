package org.mgd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * On the smooth recipe, metagradients predict retraining: for data weights on a few thousand
 * MNIST images, dropping random 1% subsets changes the target loss as the metagradient says
 * (correlation ≥ 0.9; measured 0.949). Needs MNIST: .ci/run fetches it (deploy/datasets/fetch.sh).
 */
class MnistSmoothnessTest {
    private static final Path ROOT = Path.of(System.getProperty("mgd.root", "..")).toAbsolutePath().normalize();

    @Test
    void metagradientsPredictRetrainingOnTheSmoothRecipe() throws Exception {
        assumeTrue(Files.exists(ROOT.resolve("data/mnist/train-images-idx3-ubyte")),
                "MNIST is not fetched (deploy/datasets/fetch.sh mnist)");
        Script.Run run = MgdCommandTest.mgd("check", "deploy/examples/mnist-smooth.yaml", "--subsets", "20",
                "--min-correlation", "0.9", "--quiet");
        assertEquals(0, run.exit(), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains("OK: correlation >= 0.9"), run.stdout());
    }
}
