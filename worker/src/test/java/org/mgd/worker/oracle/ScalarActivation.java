package org.mgd.worker.oracle;

import org.mgd.common.spec.ModelSpec;
import org.mgd.worker.model.Erf;

/**
 * A hidden-layer activation with everything the dual-number pass needs: the forward uses
 * {@code f}, the backward multiplies by {@code f'}, and forward mode through that needs {@code f''}.
 */
interface ScalarActivation {
    double value(double x);

    double derivative(double x);

    double secondDerivative(double x);

    /** {@code f(x)}, tangent by the chain rule. */
    default Dual value(Dual x) {
        return x.map(value(x.v()), derivative(x.v()));
    }

    /** {@code f'(x)}, tangent by the chain rule: the backward pass's factor. */
    default Dual derivative(Dual x) {
        return x.map(derivative(x.v()), secondDerivative(x.v()));
    }

    /** The mathematically exact activation the spec names (GELU in its erf form). */
    static ScalarActivation exact(ModelSpec.Activation a) {
        return switch (a) {
            case TANH -> new Tanh();
            case SOFTPLUS -> new Softplus();
            case GELU -> new Gelu();
            case SIGMOID -> new Sigmoid();
            case RELU -> new Relu();
        };
    }

    /** The logistic function, without overflow for either sign. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    final class Tanh implements ScalarActivation {
        public double value(double x) {
            return Math.tanh(x);
        }

        public double derivative(double x) {
            double t = Math.tanh(x);
            return 1 - t * t;
        }

        public double secondDerivative(double x) {
            double t = Math.tanh(x);
            return -2 * t * (1 - t * t);
        }
    }

    final class Sigmoid implements ScalarActivation {
        public double value(double x) {
            return sigmoid(x);
        }

        public double derivative(double x) {
            double s = sigmoid(x);
            return s * (1 - s);
        }

        public double secondDerivative(double x) {
            double s = sigmoid(x);
            return s * (1 - s) * (1 - 2 * s);
        }
    }

    /** {@code log(1 + e^x)}, written as {@code max(x,0) + log1p(e^{-|x|})} so it never overflows. */
    final class Softplus implements ScalarActivation {
        public double value(double x) {
            return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
        }

        public double derivative(double x) {
            return sigmoid(x);
        }

        public double secondDerivative(double x) {
            double s = sigmoid(x);
            return s * (1 - s);
        }
    }

    /** {@code x Φ(x)}: {@code f' = Φ + xφ}, {@code f'' = φ (2 - x²)}. */
    final class Gelu implements ScalarActivation {
        private static final double INV_SQRT_2 = 1 / Math.sqrt(2);
        private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

        /** Φ through erfc so that it stays relatively exact in the left tail. */
        static double cdf(double x) {
            return 0.5 * Erf.erfc(-x * INV_SQRT_2);
        }

        static double pdf(double x) {
            return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
        }

        public double value(double x) {
            return x * cdf(x);
        }

        public double derivative(double x) {
            return cdf(x) + x * pdf(x);
        }

        public double secondDerivative(double x) {
            return pdf(x) * (2 - x * x);
        }
    }

    /** ReLU; its kink at 0 is never hit by real-valued data, and {@code f'' = 0} elsewhere. */
    final class Relu implements ScalarActivation {
        public double value(double x) {
            return x > 0 ? x : 0;
        }

        public double derivative(double x) {
            return x > 0 ? 1 : 0;
        }

        public double secondDerivative(double x) {
            return 0;
        }
    }
}
