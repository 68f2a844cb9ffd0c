package org.mgd.driver.mgd;

import java.util.Arrays;
import org.mgd.common.data.Dataset;
import org.mgd.common.data.Splits;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.MgdSpec;

/**
 * Where each task's metaparameters start: a random subset at the budget (select), the clean
 * pixels of a random {@code poison_fraction} of the training split (poison), a flat schedule of
 * K knots at 1 (schedule). Drawn from MGD's own seed.
 */
final class StartingPoint {
    private StartingPoint() {}

    static Metaparameters of(JobSpec spec, Dataset train) {
        MgdSpec mgd = spec.mgd();
        int n = train.size();
        return switch (mgd.task()) {
            case SELECT -> {
                int budget = budget(mgd, n);
                int[] perm = Splits.permutation(n, mgd.seed());
                double[] w = new double[n];
                for (int k = 0; k < budget; k++) {
                    w[perm[k]] = 1;
                }
                yield Metaparameters.dataWeights(w);
            }
            case POISON -> {
                int count = Math.max(1, (int) Math.round(mgd.poisonFraction() * n));
                int[] chosen = Arrays.copyOf(Splits.permutation(n, mgd.seed() + 1), count);
                Arrays.sort(chosen);
                yield Metaparameters.inputs(chosen, train.select(chosen).features());
            }
            case SCHEDULE -> {
                double[] knots = new double[mgd.knots()];
                Arrays.fill(knots, 1.0);
                yield Metaparameters.lrSchedule(knots);
            }
        };
    }

    static int budget(MgdSpec mgd, int poolSize) {
        return Math.max(1, (int) Math.round(mgd.budget() * poolSize));
    }
}
