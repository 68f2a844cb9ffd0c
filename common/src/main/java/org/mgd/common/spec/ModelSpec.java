package org.mgd.common.spec;

import java.io.Serializable;
import java.util.List;

/**
 * The network. {@code mlp}: dense hidden layers. {@code cnn}: 3x3 ("same") convolution blocks,
 * each followed by 2x2 pooling, then the dense hidden layers. Both can put BatchNorm before or
 * after each activation, scale every width by {@code width}, and scale the output logits by a
 * fixed factor (scaling the output down is one of the interventions that make training
 * metasmooth).
 */
public record ModelSpec(Type type, List<Integer> hidden, List<Integer> conv, int kernel, Pooling pool,
                        BatchNorm batchnorm, double width, Activation activation, double outputScale,
                        long initSeed) implements Serializable {

    public enum Type { MLP, CNN }

    public enum Pooling { AVG, MAX }

    public enum BatchNorm { NONE, BEFORE, AFTER }

    public enum Activation {
        TANH, SOFTPLUS, GELU, SIGMOID, RELU;

        public String key() {
            return name().toLowerCase();
        }
    }

    /** A layer width after the width multiplier (never below 1). */
    public int scaled(int width) {
        return Math.max(1, (int) Math.round(width * this.width));
    }
}
