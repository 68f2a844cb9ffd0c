package org.mgd.worker.train;

/**
 * {@code u ↦ H_t u}: the Hessian of step t's minibatch loss along u. The one nonlinear
 * derivative a reverse step needs; whoever supplies it also credits the metaparameters with
 * {@code (∂g_t/∂z)ᵀ u} from the same evaluation.
 */
@FunctionalInterface
public interface HessianVectorProduct {
    double[] apply(double[] u);
}
