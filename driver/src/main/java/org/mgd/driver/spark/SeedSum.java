package org.mgd.driver.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.mgd.worker.metagrad.Metagradient;
import org.mgd.worker.task.MetagradientResult;
import org.mgd.worker.task.TaskResult;

/**
 * The sum of one meta-step's per-seed metagradient results (or, for the final point, plain
 * training results), reduced on the executors ({@code treeAggregate}) without the driver ever
 * holding every seed's vector.
 *
 * <p>Floating-point addition is not associative, and Spark combines partial results in the
 * order tasks finish. To keep the same bits on every run, sums are only ever formed along one
 * fixed binary tree over the seed indices {@code [0, n)}: a partial sum waits until its sibling
 * arrives and the two are added left + right. Whichever executor finishes first, every vector
 * entry is the same expression.
 */
public final class SeedSum implements Serializable {
    private final int n;
    /** Partial sums whose sibling has not arrived yet, keyed by their first seed index. */
    private final TreeMap<Integer, Part> pending = new TreeMap<>();

    public SeedSum(int n) {
        this.n = n;
    }

    /** A sum over seed indices {@code [lo, hi)} of each field. */
    public record Part(int lo, int hi, double[] gradient, double objective, double validationObjective,
                       double validationAccuracy, double testAccuracy, double gradientEvaluations)
            implements Serializable {

        static Part of(int index, MetagradientResult result, org.mgd.common.spec.Objective judge) {
            Metagradient.Result m = result.metagradient();
            boolean validated = m.validation() != null;
            return new Part(index, index + 1, m.gradient().values(), m.objective(),
                    validated ? m.validation().objective(judge) : Double.NaN,
                    validated ? m.validation().accuracy() : Double.NaN, m.test().accuracy(),
                    m.stats().gradientEvaluations());
        }

        /** A plain training run's share: no gradient, the cost of one run. */
        static Part of(int index, TaskResult result, org.mgd.common.spec.Objective judge) {
            boolean validated = result.validation() != null;
            return new Part(index, index + 1, new double[0], result.objective(),
                    validated ? result.validation().objective(judge) : Double.NaN,
                    validated ? result.validation().accuracy() : Double.NaN, result.test().accuracy(),
                    result.steps());
        }

        Part plus(Part right) {
            double[] g = new double[gradient.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = gradient[i] + right.gradient[i];
            }
            return new Part(lo, right.hi, g, objective + right.objective,
                    validationObjective + right.validationObjective, validationAccuracy + right.validationAccuracy,
                    testAccuracy + right.testAccuracy, gradientEvaluations + right.gradientEvaluations);
        }

        /** The mean of each field over the part's seeds; gradient evaluations stay the total cost. */
        public Part mean() {
            int k = hi - lo;
            double[] g = new double[gradient.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = gradient[i] / k;
            }
            return new Part(lo, hi, g, objective / k, validationObjective / k, validationAccuracy / k,
                    testAccuracy / k, gradientEvaluations);
        }
    }

    public SeedSum add(Part leaf) {
        Part node = leaf;
        while (true) {
            int[] sibling = sibling(node.lo, node.hi);
            if (sibling == null) {
                pending.put(node.lo, node);
                return this;
            }
            Part other = pending.get(sibling[0]);
            if (other == null || other.hi != sibling[1]) {
                pending.put(node.lo, node);
                return this;
            }
            pending.remove(sibling[0]);
            node = node.lo < other.lo ? node.plus(other) : other.plus(node);
        }
    }

    public SeedSum merge(SeedSum other) {
        for (Part p : other.pending.values()) {
            add(p);
        }
        return this;
    }

    /** The sum over all n seeds; fails if some seed's result never arrived. */
    public Part total() {
        Map.Entry<Integer, Part> root = pending.firstEntry();
        if (pending.size() != 1 || root.getValue().lo != 0 || root.getValue().hi != n) {
            throw new IllegalStateException("seed results missing: have " + pending.keySet() + " of " + n);
        }
        return root.getValue();
    }

    /** The sibling range of {@code [lo, hi)} in the fixed tree over {@code [0, n)}; null at the root. */
    private int[] sibling(int lo, int hi) {
        int a = 0;
        int b = n;
        int[] sibling = null;
        while (a != lo || b != hi) {
            int mid = (a + b) >>> 1;
            if (hi <= mid) {
                sibling = new int[] {mid, b};
                b = mid;
            } else {
                sibling = new int[] {a, mid};
                a = mid;
            }
        }
        return sibling;
    }

    /** Kryo body: the seed count and the pending parts. */
    static final class WireFormat extends Serializer<SeedSum> {
        @Override
        public void write(Kryo kryo, Output output, SeedSum sum) {
            output.writeInt(sum.n, true);
            output.writeInt(sum.pending.size(), true);
            for (Part p : sum.pending.values()) {
                kryo.writeObject(output, p);
            }
        }

        @Override
        public SeedSum read(Kryo kryo, Input input, Class<SeedSum> type) {
            SeedSum sum = new SeedSum(input.readInt(true));
            int parts = input.readInt(true);
            for (int i = 0; i < parts; i++) {
                Part p = kryo.readObject(input, Part.class);
                sum.pending.put(p.lo, p);
            }
            return sum;
        }
    }
}
