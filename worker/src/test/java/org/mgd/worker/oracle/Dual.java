package org.mgd.worker.oracle;

/**
 * A dual number {@code v + t·ε} with {@code ε² = 0}. Running a computation on duals whose tangents
 * are a direction {@code u} yields, in the tangents, the exact directional derivative of every
 * intermediate along {@code u}: forward-mode differentiation, with no step size and no truncation.
 */
record Dual(double v, double t) {
    static final Dual ZERO = new Dual(0, 0);

    static Dual constant(double v) {
        return new Dual(v, 0);
    }

    Dual plus(Dual o) {
        return new Dual(v + o.v, t + o.t);
    }

    Dual minus(Dual o) {
        return new Dual(v - o.v, t - o.t);
    }

    Dual times(Dual o) {
        return new Dual(v * o.v, v * o.t + t * o.v);
    }

    Dual times(double c) {
        return new Dual(c * v, c * t);
    }

    Dual exp() {
        double e = Math.exp(v);
        return new Dual(e, e * t);
    }

    Dual log() {
        return new Dual(Math.log(v), t / v);
    }

    /** {@code g(this)} for a scalar function with value {@code g} and derivative {@code dg} at {@code v}. */
    Dual map(double g, double dg) {
        return new Dual(g, dg * t);
    }
}
