package org.mgd.common.spec;

import java.io.Serializable;
import java.util.List;

/**
 * The network: hidden layer widths, their activation, and a fixed scale on the output logits
 * (scaling the output down is one of the interventions that make training metasmooth).
 */
public record ModelSpec(List<Integer> hidden, Activation activation, double outputScale, long initSeed)
        implements Serializable {

    public enum Activation {
        TANH, SOFTPLUS, GELU, SIGMOID, RELU;

        public String key() {
            return name().toLowerCase();
        }
    }
}
