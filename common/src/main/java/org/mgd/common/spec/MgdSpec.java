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
 */
public record MgdSpec(Task task, int steps, int seeds, MetaOptimizerSpec optimizer, double budget,
                      double poisonFraction, Double radius, int knots, long seed) implements Serializable {

    public enum Task { SELECT, POISON, SCHEDULE }

    /**
     * {@code signed}: signed (block-coordinate) steps of size {@code step}, on a Bernoulli
     * {@code fraction} of coordinates for selection; {@code exchange}: swap {@code swap} selected
     * examples for unselected ones per step (fixed budget); {@code adam}: Adam with step size
     * {@code step} on unconstrained (log) metaparameters.
     */
    public record MetaOptimizerSpec(String type, double step, double fraction, Integer swap, double beta1,
                                    double beta2) implements Serializable {}
}
