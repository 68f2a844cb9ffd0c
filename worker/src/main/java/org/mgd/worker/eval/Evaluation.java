package org.mgd.worker.eval;

import java.io.Serializable;
import org.mgd.common.spec.Objective;

/** How a trained model does on one split: mean cross-entropy, accuracy, mean smooth margin. */
public record Evaluation(double loss, double accuracy, double margin) implements Serializable {

    /** The value of {@code objective} (always to be minimised) on this split. */
    public double objective(Objective objective) {
        return switch (objective) {
            case TARGET_LOSS -> loss;
            case NEG_TARGET_LOSS -> -loss;
            case TARGET_MARGIN -> -margin;
        };
    }
}
