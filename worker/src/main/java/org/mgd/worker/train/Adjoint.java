package org.mgd.worker.train;

/**
 * The adjoint of a {@link TrainState}: ∂φ/∂θ and ∂φ/∂(each optimizer buffer), where φ is the
 * objective of the final model. Same shapes as the state it belongs to.
 */
public record Adjoint(double[] params, double[][] buffers) {

    /** The adjoint of the final state: ∂φ/∂θ_T, and zero for every buffer (φ reads only θ). */
    public static Adjoint ofFinal(double[] paramsAdjoint, TrainState like) {
        double[][] b = new double[like.buffers().length][];
        for (int i = 0; i < b.length; i++) {
            b[i] = new double[like.buffers()[i].length];
        }
        return new Adjoint(paramsAdjoint, b);
    }

    /** The first non-finite entry's description, or null when all are finite. */
    public String firstNonFinite() {
        if (!allFinite(params)) {
            return "the parameter adjoint";
        }
        for (int i = 0; i < buffers.length; i++) {
            if (!allFinite(buffers[i])) {
                return "the adjoint of optimizer buffer " + i;
            }
        }
        return null;
    }

    private static boolean allFinite(double[] a) {
        for (double x : a) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
