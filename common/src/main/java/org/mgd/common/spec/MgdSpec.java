package org.mgd.common.spec;

import java.io.Serializable;

/**
 * The {@code mgd:} section: metagradient descent on the training itself. Each meta-step trains
 * with {@code seeds} batch orders, averages their metagradients, steps the metaparameters with
 * the meta-optimizer and projects them back to what the task allows.
 *
 * @param budget   select: the fraction of the training pool to keep
 * @param poisonFraction poison: the fraction of training examples whose pixels the attacker controls
 * @param radius   poison: optional L∞ radius around each clean image (null: the whole pixel box)
 * @param knots    schedule: learning-rate knots K
 * @param seed     MGD's own randomness (initial selection, masks, which examples are poisoned)
 * @param freshSeeds each meta-step trains with batch orders no earlier meta-step used, so the
 *                 metaparameters cannot fit a few fixed batch orders (false: the same seeds every step)
 * @param earlyStopping the result is the meta-step the validation split scores best (false: the
 *                 last meta-step's metaparameters)
 */
public record MgdSpec(Task task, int steps, int seeds, MetaOptimizerSpec optimizer, double budget,
                      double poisonFraction, Double radius, int knots, long seed, boolean freshSeeds,
                      boolean earlyStopping)
        implements Serializable {

    public enum Task { SELECT, POISON, SCHEDULE }

    /**
     * Training seeds from {@code base + UNSEEN_SEED_OFFSET} on are kept for judging MGD's result
     * on batch orders it never trained with.
     */
    public static final long UNSEEN_SEED_OFFSET = 1000;

    /** The batch-order seeds whose metagradients meta-step {@code metaStep} averages. */
    public long[] trainingSeeds(long base, int metaStep) {
        long first = base + (freshSeeds ? (long) metaStep * seeds : 0);
        long[] s = new long[seeds];
        for (int k = 0; k < seeds; k++) {
            s[k] = first + k;
        }
        return s;
    }

    /**
     * {@code signed}: signed (block-coordinate) steps of size {@code step}, on a Bernoulli
     * {@code fraction} of coordinates for selection; {@code exchange}: swap {@code swap} selected
     * examples for unselected ones per step (fixed budget); {@code adam}: Adam with step size
     * {@code step} on unconstrained (log) metaparameters. With {@code finalStep} the step size
     * falls linearly from {@code step} at the first meta-step to {@code finalStep} at the last
     * (null: constant).
     */
    public record MetaOptimizerSpec(String type, double step, double fraction, Integer swap, double beta1,
                                    double beta2, Double finalStep) implements Serializable {

        /** The step size at meta-step {@code t} of {@code steps}. */
        public double stepAt(int t, int steps) {
            if (finalStep == null || steps <= 1) {
                return step;
            }
            double p = Math.min(1.0, (double) t / (steps - 1));
            return step + (finalStep - step) * p;
        }
    }
}
