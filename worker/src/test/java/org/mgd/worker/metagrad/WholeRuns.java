package org.mgd.worker.metagrad;

import java.util.SplittableRandom;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.worker.task.Setup;
import org.mgd.worker.train.StepListener;
import org.mgd.worker.train.TrainState;

/** φ(A(z)) by retraining from scratch: the reference every metagradient is checked against. */
final class WholeRuns {
    private WholeRuns() {}

    static double objective(JobSpec spec, Metaparameters z) {
        Setup setup = Setup.prepare(spec, z, spec.training().seed());
        TrainState end = setup.training().run(StepListener.NONE);
        return ObjectiveFunction.of(spec, setup.splits().target())
                .valueAndGradient(end.params(), new double[end.params().length]);
    }

    /** Central difference of φ(A(z)) along v with step h. */
    static double directional(JobSpec spec, Metaparameters z, double[] v, double h) {
        return (objective(spec, shifted(z, v, h)) - objective(spec, shifted(z, v, -h))) / (2 * h);
    }

    static Metaparameters shifted(Metaparameters z, double[] v, double h) {
        double[] x = z.values();
        for (int i = 0; i < x.length; i++) {
            x[i] += h * v[i];
        }
        return new Metaparameters(z.kind(), x, z.indices());
    }

    static double[] unitGaussian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            double u1 = r.nextDouble(1e-300, 1.0);
            v[i] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r.nextDouble());
            s += v[i] * v[i];
        }
        for (int i = 0; i < n; i++) {
            v[i] /= Math.sqrt(s);
        }
        return v;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
