package org.mgd.worker.task;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mgd.common.data.Dataset;
import org.mgd.common.meta.Metaparameters;
import org.mgd.worker.model.NetworkFactory;
import org.mgd.worker.train.MinibatchLoss;
import org.mgd.worker.train.StepListener;
import org.mgd.worker.train.TrainState;

/**
 * The adversarial-example poisoning baseline: train a clean model, then push each poison image to
 * maximise its own loss under it (signed input-gradient ascent, projected to the pixel box and
 * the optional L∞ radius), labels unchanged. Unlike MGD it ignores how training will react.
 */
public final class AdversarialPoisons {
    private AdversarialPoisons() {}

    static final int ITERATIONS = 20;

    /** Poisons for the examples of {@code clean} (an inputs metaparameter of clean pixels). */
    public static Metaparameters of(Task cleanTraining, Metaparameters clean, double stepSize, Double radius) {
        Setup setup = Setup.prepare(cleanTraining.spec(), null, cleanTraining.seed());
        TrainState end = setup.training().run(StepListener.NONE);
        int[] indices = clean.indices();
        double[] x = clean.values();
        double[] x0 = clean.values();
        Dataset train = setup.train();
        int d = train.featureCount();
        int[] batch = indices.clone();
        double[] grad = new double[end.params().length];
        double[] inputGrad = new double[indices.length * d];
        MultiLayerNetwork net = NetworkFactory.build(cleanTraining.spec().model(), train.shape(), train.classes());
        for (int it = 0; it < ITERATIONS; it++) {
            MinibatchLoss loss = new MinibatchLoss(net, train.withFeatures(indices, x), null);
            loss.gradientAndExtras(end.params(), batch, grad, null, inputGrad);
            for (int i = 0; i < x.length; i++) {
                double v = x[i] + stepSize * Math.signum(inputGrad[i]);
                if (radius != null) {
                    v = Math.max(x0[i] - radius, Math.min(x0[i] + radius, v));
                }
                x[i] = Math.max(0, Math.min(1, v));
            }
        }
        return Metaparameters.inputs(indices, x);
    }
}
