package org.mgd.common.spec;

/**
 * What a trained model is judged by, always on the target split and always to be minimised:
 * MGD descends on it, and {@code neg_target_loss} turns that into an attack.
 */
public enum Objective {
    /** Mean cross-entropy on the target split. */
    TARGET_LOSS,
    /** Minus the mean cross-entropy on the target split (poisoning maximises the target loss). */
    NEG_TARGET_LOSS,
    /** Minus the mean smooth margin {@code z_y - logsumexp_{c != y} z_c} on the target split. */
    TARGET_MARGIN;

    public String key() {
        return name().toLowerCase();
    }
}
