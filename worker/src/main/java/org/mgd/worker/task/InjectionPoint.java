package org.mgd.worker.task;

import java.io.Serializable;
import org.mgd.common.meta.Metaparameters;
import org.mgd.worker.metagrad.GradientVjp;
import org.mgd.worker.metagrad.MetaAdjoint;
import org.mgd.worker.metagrad.Metagradient;
import org.mgd.worker.train.StepListener;

/**
 * Where candidate examples are injected for pool scoring: training step t's parameters θ_t and
 * the adjoint of that step's minibatch gradient, u = ∂φ/∂g_t. An example of weight w added to
 * step t's batch adds {@code w ∇ℓ(θ_t) / |B|} to g_t, so ∂φ/∂w = ⟨∇ℓ(θ_t), u⟩ / |B|: the
 * paper's one-step data-selection surrogate, for every candidate at once. Also kept: what the
 * data-weights metagradient credited step t's own batch, the same formula for those examples.
 */
public record InjectionPoint(int step, double[] params, double[] gradientAdjoint, int batchSize, double objective,
                             int[] batch, double[] batchCredits) implements Serializable {

    /** One metagradient run of {@code task} (its metaparameters must be data weights or none). */
    public static InjectionPoint of(Task task, int step) {
        Setup setup = Setup.prepare(task.spec(), task.meta(), task.seed());
        int steps = task.spec().training().steps();
        if (step < 0 || step >= steps) {
            throw new org.mgd.common.MgdException("step " + step + " is not a training step (0.." + (steps - 1) + ")");
        }
        Metaparameters at = task.meta() != null ? task.meta() : Metaparameters.unitWeights(setup.train().size());
        Capture capture = new Capture(Metagradient.adjointFor(at, setup), step);
        Metagradient.Result r = Metagradient.compute(setup, at, capture, StepListener.NONE);
        return new InjectionPoint(step, capture.params, capture.u, task.spec().training().batchSize(), r.objective(),
                capture.batch, capture.credits);
    }

    /** Records step t's θ and u, and its batch's credits, while passing everything on. */
    private static final class Capture implements MetaAdjoint {
        private final MetaAdjoint inner;
        private final int step;
        private double[] params;
        private double[] u;
        private int[] batch;
        private double[] credits;

        Capture(MetaAdjoint inner, int step) {
            this.inner = inner;
            this.step = step;
        }

        @Override
        public org.mgd.common.meta.MetaKind kind() {
            return inner.kind();
        }

        @Override
        public boolean needsExampleLosses() {
            return inner.needsExampleLosses();
        }

        @Override
        public boolean needsInputGradients() {
            return inner.needsInputGradients();
        }

        @Override
        public void atGradientAdjoint(int t, double[] theta, double[] adjoint) {
            if (t == step) {
                params = theta.clone();
                u = adjoint.clone();
            }
        }

        @Override
        public void addGradientTerm(int t, int[] b, GradientVjp.Result vjp) {
            double[] before = t == step ? inner.values() : null;
            inner.addGradientTerm(t, b, vjp);
            if (before != null && inner.kind() == org.mgd.common.meta.MetaKind.DATA_WEIGHTS) {
                double[] after = inner.values();
                batch = b.clone();
                credits = new double[b.length];
                for (int k = 0; k < b.length; k++) {
                    credits[k] = after[b[k]] - before[b[k]];
                }
            }
        }

        @Override
        public void addLearningRateTerm(int t, double lrBar) {
            inner.addLearningRateTerm(t, lrBar);
        }

        @Override
        public double[] values() {
            return inner.values();
        }
    }
}
