package org.mgd.common.spec;

import java.io.Serializable;

/**
 * The learning-rate multiplier at step t of T, applied to {@code optimizer.lr}. Positions run
 * from 0 at the first step to 1 at the last, so the last step gets exactly the final value.
 */
public sealed interface LrScheduleSpec extends Serializable {
    double multiplier(int step, int steps);

    String type();

    static double position(int step, int steps) {
        return steps <= 1 ? 0.0 : (double) step / (steps - 1);
    }

    /** Piecewise-linear interpolation of values placed evenly over [0, 1]. */
    static double interpolate(double[] values, double position) {
        double x = position * (values.length - 1);
        int i = Math.min((int) Math.floor(x), values.length - 2);
        double frac = x - i;
        return values[i] * (1 - frac) + values[i + 1] * frac;
    }

    record Constant() implements LrScheduleSpec {
        public double multiplier(int step, int steps) {
            return 1.0;
        }

        public String type() {
            return "constant";
        }
    }

    record Linear(double finalRatio) implements LrScheduleSpec {
        public double multiplier(int step, int steps) {
            return 1.0 + (finalRatio - 1.0) * position(step, steps);
        }

        public String type() {
            return "linear";
        }
    }

    record Cosine(double finalRatio) implements LrScheduleSpec {
        public double multiplier(int step, int steps) {
            return finalRatio + (1.0 - finalRatio) * 0.5 * (1.0 + Math.cos(Math.PI * position(step, steps)));
        }

        public String type() {
            return "cosine";
        }
    }

    /** Linear warm-up from {@code startRatio} to 1 over the first {@code warmup} of training, then linear decay. */
    record OneCycle(double warmup, double startRatio, double finalRatio) implements LrScheduleSpec {
        public double multiplier(int step, int steps) {
            double p = position(step, steps);
            if (p < warmup) {
                return startRatio + (1.0 - startRatio) * p / warmup;
            }
            return warmup >= 1.0 ? 1.0 : 1.0 + (finalRatio - 1.0) * (p - warmup) / (1.0 - warmup);
        }

        public String type() {
            return "one_cycle";
        }
    }

    /** Values at K evenly spaced steps, linearly interpolated in between (K = T: one value per step). */
    record Knots(double[] values) implements LrScheduleSpec {
        public double multiplier(int step, int steps) {
            return interpolate(values, position(step, steps));
        }

        public String type() {
            return "knots";
        }
    }
}
