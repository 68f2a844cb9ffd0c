package org.mgd.worker.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * One BatchNorm layer: its index in the network, its channel count, and the flat offsets where
     * its γ, β, running mean and running variance start (each {@code channels} long).
     */
    public record Slots(int layer, int channels, int gamma, int beta, int mean, int variance) {}

    /** Every BatchNorm layer of the network, in order (empty without BatchNorm). */
    public static List<Slots> layers(MultiLayerNetwork net) {
        List<Slots> out = new ArrayList<>();
        int offset = 0;
        Layer[] layers = net.getLayers();
        for (int l = 0; l < layers.length; l++) {
            Map<String, Integer> at = new HashMap<>();
            for (var e : layers[l].paramTable().entrySet()) {
                at.put(e.getKey(), offset);
                offset += (int) e.getValue().length();
            }
            if (layers[l] instanceof BatchNormalization) {
                int channels = (int) layers[l].paramTable().get("mean").length();
                out.add(new Slots(l, channels, at.get("gamma"), at.get("beta"), at.get("mean"), at.get("var")));
            }
        }
        return out;
    }

    /** Indices of every running-statistic entry (empty for networks without BatchNorm). */
    public static int[] indices(MultiLayerNetwork net) {
        List<Slots> layers = layers(net);
        int[] out = new int[2 * layers.stream().mapToInt(Slots::channels).sum()];
        int k = 0;
        for (Slots s : layers) {
            for (int c = 0; c < s.channels(); c++) {
                out[k++] = s.mean() + c;
            }
            for (int c = 0; c < s.channels(); c++) {
                out[k++] = s.variance() + c;
            }
        }
        return out;
    }
}
