package org.mgd.worker.train;

/** What reversing one step yields: the adjoint of the state before it, and ∂φ/∂lr_t. */
public record Reversed(Adjoint previous, double lrAdjoint) {}
