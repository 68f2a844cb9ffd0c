package org.mgd.worker.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Where BatchNorm's running mean and variance sit in the flat parameter vector. They are state,
 * not parameters: no optimizer touches them. DL4J (1.0.0-M2.1) reports, in their gradient slots,
 * the summed-over-batch change {@code (r − batch statistic)(1 − decay)} that moves them to
 * {@code decay·r + (1 − decay)·batch statistic}; the training loop applies exactly that.
 */
public final class RunningStatistics {
    private RunningStatistics() {}

    /** Indices of every running-statistic entry (empty for networks without BatchNorm). */
    public static int[] indices(MultiLayerNetwork net) {
        List<Integer> out = new ArrayList<>();
        int offset = 0;
        for (Layer layer : net.getLayers()) {
            for (var e : layer.paramTable().entrySet()) {
                int n = (int) e.getValue().length();
                if (layer instanceof BatchNormalization && (e.getKey().equals("mean") || e.getKey().equals("var"))) {
                    for (int i = 0; i < n; i++) {
                        out.add(offset + i);
                    }
                }
                offset += n;
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
