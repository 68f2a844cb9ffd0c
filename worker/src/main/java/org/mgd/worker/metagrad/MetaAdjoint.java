package org.mgd.worker.metagrad;

import org.mgd.common.meta.MetaKind;

/**
 * Accumulates ∂φ/∂z for one kind of metaparameter while training is reversed. REPLAY knows only
 * this interface: a new kind of metaparameter is one new class here, nothing else changes.
 */
public interface MetaAdjoint {
    MetaKind kind();

    /** Whether the gradient-VJP must also give per-example loss slopes / input-gradient slopes. */
    default boolean needsExampleLosses() {
        return false;
    }

    default boolean needsInputGradients() {
        return false;
    }

    /** Step t's share through its gradient: {@code (∂g_t/∂z)ᵀ u}, from the VJP along u. */
    default void addGradientTerm(int t, int[] batch, GradientVjp.Result vjp) {}

    /**
     * The adjoint of step t's minibatch gradient, {@code u = ∂φ/∂g_t}, at parameters θ_t: any
     * term added to that gradient is credited with its inner product with u (pool scoring
     * injects whole candidate pools there). Called before {@link #addGradientTerm} for step t.
     */
    default void atGradientAdjoint(int t, double[] params, double[] u) {}

    /** Step t's share through its learning rate: {@code lrBar} = ∂φ/∂lr_t. */
    default void addLearningRateTerm(int t, double lrBar) {}

    /** ∂φ/∂z so far, in the layout of the metaparameter file. */
    double[] values();
}
