package org.mgd.worker.smooth;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mgd.common.spec.JobSpec;
import org.mgd.worker.testing.Specs;

class MetasmoothExploreTest {
    static Probe.Estimate measure(Probe p) {
        List<ParameterRun.Outcome> out = p.tasks().parallelStream().map(ParameterRun::run).toList();
        return p.estimate(out);
    }

    static void show(String label, String... overrides) {
        long t0 = System.nanoTime();
        JobSpec spec = Specs.example("digits-mlp.yaml", overrides);
        var z = Probe.plainTraining(spec);
        Probe p = Probe.random(spec, z, Probe.defaultStep(z), 3, 1, 1);
        Probe.Estimate e = measure(p);
        System.out.printf("EXPLORE %-10s mean %.4f std %.4f min %.4f max %.4f acc %.3f %s  wall %.1fs cpu %.1fs%n", label,
                e.summary().mean(), e.summary().std(), e.summary().min(), e.summary().max(), e.testAccuracy(),
                e.diverged(), (System.nanoTime() - t0) / 1e9, e.seconds());
    }

    @Test
    void explore() {
        String split = "data.split={train: 300, target: 200, test: 297}";
        show("linear", split, "model.hidden=[]", "training.batch_size=300", "training.steps=100",
                "training.optimizer={type: sgd, lr: 0.1}");
        show("smooth", split, "model.hidden=[16]", "training.steps=100", "model.output_scale=0.1",
                "training.optimizer={type: sgd, lr: 0.1, momentum: 0.9}");
        show("smooth1", split, "model.hidden=[16]", "training.steps=100",
                "training.optimizer={type: sgd, lr: 0.1, momentum: 0.9}");
        show("rough", split, "model.type=cnn", "model.conv=[4, 8]", "model.hidden=[16]", "model.pool=max",
                "model.batchnorm=after", "model.activation=relu", "training.steps=100",
                "training.optimizer={type: sgd, lr: 1.0, momentum: 0.9}");
        show("rough2", split, "model.type=cnn", "model.conv=[4, 8]", "model.hidden=[16]", "model.pool=max",
                "model.batchnorm=after", "model.activation=relu", "training.steps=100",
                "training.optimizer={type: sgd, lr: 0.5, momentum: 0.9}");
        show("roughmlp", split, "model.hidden=[16]", "model.batchnorm=after", "model.activation=relu", "training.steps=100",
                "training.optimizer={type: sgd, lr: 1.0, momentum: 0.9}");
    }
}
