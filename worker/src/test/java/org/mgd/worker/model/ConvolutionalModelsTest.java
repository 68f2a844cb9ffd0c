package org.mgd.worker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mgd.common.MgdException;
import org.mgd.common.spec.JobSpec;
import org.mgd.worker.task.Setup;
import org.mgd.worker.task.Task;
import org.mgd.worker.task.TaskResult;
import org.mgd.worker.testing.Specs;
import org.mgd.worker.train.StepListener;
import org.mgd.worker.train.TrainState;
import org.mgd.worker.train.Training;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Small CNNs and BatchNorm on the real digits (8x8 images). */
class ConvolutionalModelsTest {
    private static JobSpec cnn(String... more) {
        List<String> all = new java.util.ArrayList<>(List.of("model.type=cnn", "model.conv=[6, 12]",
                "model.hidden=[24]", "training.steps=150", "data.split={train: 600, target: 200, test: 297}"));
        all.addAll(List.of(more));
        return Specs.example("digits-mlp.yaml", all.toArray(String[]::new));
    }

    @Test
    void convolutionalNetworksLearnTheDigits() {
        for (String variant : List.of("model.pool=avg", "model.pool=max", "model.batchnorm=before",
                "model.batchnorm=after")) {
            TaskResult r = Task.of(cnn(variant), null).train(StepListener.NONE);
            assertTrue(r.test().accuracy() >= 0.9, variant + ": test accuracy " + r.test().accuracy());
            assertTrue(r.model().startsWith("1x8x8-c6-c12-24-10"), r.model());
        }
    }

    @Test
    void batchNormRunningStatisticsTakeTheirMovingAverageStep() {
        JobSpec spec = Specs.example("digits-mlp.yaml", "model.batchnorm=before", "model.hidden=[4]");
        Setup setup = Setup.prepare(spec, null, 0);
        Training training = setup.training();
        TrainState s0 = training.initialState();
        TrainState s1 = training.step(s0);
        int[] stats = RunningStatistics.indices(setup.network());
        assertEquals(8, stats.length, "4 means and 4 variances");
        // The batch statistics of the BatchNorm layer's input, straight from the network.
        training.loss().load(s0.params());
        int[] batch = training.batches().batch(0);
        INDArray preBn = setup.network().feedForward(training.loss().features(batch), true).get(1);
        INDArray mean = preBn.mean(0);
        INDArray var = preBn.var(false, 0);
        double decay = NetworkFactory.BATCHNORM_DECAY;
        for (int j = 0; j < 4; j++) {
            assertEquals(decay * s0.params()[stats[j]] + (1 - decay) * mean.getDouble(j), s1.params()[stats[j]], 1e-12);
            assertEquals(decay * s0.params()[stats[4 + j]] + (1 - decay) * var.getDouble(j), s1.params()[stats[4 + j]],
                    1e-12);
        }
    }

    @Test
    void cnnNeedsImages() {
        JobSpec onTable = Specs.example("digits-mlp.yaml", "model.type=cnn", "data.source=csv:/dev/null");
        assertTrue(onTable.model().type() == org.mgd.common.spec.ModelSpec.Type.CNN);
        MgdException e = assertThrows(MgdException.class,
                () -> NetworkFactory.build(onTable.model(), new int[] {64}, 10));
        assertTrue(e.getMessage().contains("image data"), e.getMessage());
    }
}
