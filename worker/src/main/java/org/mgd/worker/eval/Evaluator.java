package org.mgd.worker.eval;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mgd.common.data.Dataset;
import org.mgd.worker.model.SoftmaxCrossEntropy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Evaluates a network at given parameters on a whole split, in chunks to bound memory. */
public final class Evaluator {
    private Evaluator() {}

    private static final int CHUNK = 1024;

    public static Evaluation evaluate(MultiLayerNetwork net, double[] params, Dataset data, double outputScale) {
        net.params().data().setData(params);
        int d = data.featureCount();
        int classes = data.classes();
        double loss = 0;
        double margin = 0;
        int correct = 0;
        for (int start = 0; start < data.size(); start += CHUNK) {
            int n = Math.min(CHUNK, data.size() - start);
            double[] f = new double[n * d];
            System.arraycopy(data.features(), start * d, f, 0, n * d);
            INDArray out = net.output(Nd4j.create(f, new long[] {n, d}, 'c'), false);
            double[] z = out.dup('c').data().asDouble();
            double[] onehot = new double[n * classes];
            for (int k = 0; k < n; k++) {
                int label = data.label(start + k);
                int off = k * classes;
                onehot[off + label] = 1;
                loss += SoftmaxCrossEntropy.loss(z, onehot, off, classes, outputScale, null);
                margin += SoftmaxCrossEntropy.margin(z, off, classes, label, outputScale, null);
                if (argmax(z, off, classes) == label) {
                    correct++;
                }
            }
        }
        int n = data.size();
        return new Evaluation(loss / n, (double) correct / n, margin / n);
    }

    static int argmax(double[] z, int off, int len) {
        int best = 0;
        for (int c = 1; c < len; c++) {
            if (z[off + c] > z[off + best]) {
                best = c;
            }
        }
        return best;
    }
}
