package org.mgd.driver.mgd;

import java.util.Arrays;
import org.mgd.common.MgdException;
import org.mgd.common.data.Dataset;
import org.mgd.common.data.Splits;
import org.mgd.common.meta.MetaKind;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.MgdSpec;

/**
 * Where each task's metaparameters start: a random subset at the budget (select), the clean
 * pixels of a random {@code poison_fraction} of the training split (poison), a flat schedule of
 * K knots at 1 (schedule). Drawn from MGD's own seed. Or a start the user gives ({@code ./mgd
 * run --meta}: a curated subset, a schedule in use), checked against what the task's projections
 * allow, since MGD would otherwise silently project it somewhere else at its first step.
 */
final class StartingPoint {
    private StartingPoint() {}

    /** The task's own start; {@code train} may be null for a schedule, which does not look at the data. */
    static Metaparameters of(JobSpec spec, Dataset train) {
        MgdSpec mgd = spec.mgd();
        return switch (mgd.task()) {
            case SELECT -> {
                int n = train.size();
                int budget = budget(mgd, n);
                int[] perm = Splits.permutation(n, mgd.seed());
                double[] w = new double[n];
                for (int k = 0; k < budget; k++) {
                    w[perm[k]] = 1;
                }
                yield Metaparameters.dataWeights(w);
            }
            case POISON -> {
                int n = train.size();
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

    /** {@code given} as the start of a select or schedule run, or a clear error naming what does not fit. */
    static Metaparameters given(JobSpec spec, Dataset train, Metaparameters given) {
        MgdSpec mgd = spec.mgd();
        String task = mgd.task().name().toLowerCase();
        MetaKind expected = switch (mgd.task()) {
            case SELECT -> MetaKind.DATA_WEIGHTS;
            case SCHEDULE -> MetaKind.LR_SCHEDULE;
            case POISON -> throw new MgdException("--meta: a poison run starts from the clean images of"
                    + " the examples mgd.seed picks; --meta gives select and schedule runs their start");
        };
        if (given.kind() != expected) {
            throw new MgdException("--meta: a " + task + " run starts from " + expected.key()
                    + ", not " + given.kind().key());
        }
        double[] v = given.values();
        if (mgd.task() == MgdSpec.Task.SCHEDULE) {
            if (v.length != mgd.knots()) {
                throw new MgdException("--meta: " + v.length + " knots, but mgd.knots is " + mgd.knots());
            }
            for (double k : v) {
                if (!(k > 0) || !Double.isFinite(k)) {
                    throw new MgdException("--meta: every knot must be > 0 (MGD steps on their logs), got " + k);
                }
            }
            return given;
        }
        if (v.length != train.size()) {
            throw new MgdException("--meta: " + v.length + " data weights, but the training pool has "
                    + train.size() + " examples");
        }
        boolean counts = "signed".equals(mgd.optimizer().type());
        long kept = 0;
        for (double w : v) {
            if (w < 0 || w != Math.rint(w) || (!counts && w > 1)) {
                throw new MgdException("--meta: data weights must be " + (counts ? "whole counts >= 0"
                        : "0 or 1 (the exchange rule keeps or drops)") + ", got " + w);
            }
            kept += (long) w;
        }
        int budget = budget(mgd, train.size());
        if (kept != budget) {
            throw new MgdException("--meta: keeps " + kept + " examples, but the budget (mgd.budget "
                    + mgd.budget() + " of " + train.size() + ") is " + budget);
        }
        return given;
    }

    static int budget(MgdSpec mgd, int poolSize) {
        return Math.max(1, (int) Math.round(mgd.budget() * poolSize));
    }
}
