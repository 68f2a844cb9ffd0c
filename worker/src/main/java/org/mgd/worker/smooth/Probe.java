package org.mgd.worker.smooth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.mgd.common.MgdException;
import org.mgd.common.data.Splits;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.worker.task.Setup;
import org.mgd.worker.task.Task;

/**
 * How metasmoothness is measured for one setup: for each seed, one run at {@code z} and, for
 * each direction v, runs at {@code z + δ} and {@code z + 2δ} with {@code δ = h·v} (v is used as
 * given, not normalised: v at h and 10·v at h/10 are the same perturbation). That is
 * {@code seeds × (1 + 2·directions)} independent {@link Task}s, run anywhere (Spark, a thread);
 * {@link #estimate} turns their outcomes, in {@link #tasks()} order, into the scores.
 */
public final class Probe {
    /**
     * The default h: {@code 0.1 · √n · max(1, max|z|)} for n metaparameters, so a unit direction
     * moves each coordinate by ~10% of the metaparameters' scale. Much smaller steps stay in the
     * linear regime, where every setup scores 1 (measured on the digits: all 1.0000 at 1e-3).
     */
    public static final double RELATIVE_STEP = 0.1;

    private final JobSpec spec;
    private final Metaparameters z;
    private final double h;
    private final List<double[]> directions;
    private final long[] seeds;

    /**
     * A probe with the given directions (each of z's size, any nonzero scale) and batch-order
     * seeds. Bad input (h ≤ 0, no directions, no seeds, wrong sizes) is a clear error.
     */
    public Probe(JobSpec spec, Metaparameters z, double h, List<double[]> directions, long[] seeds) {
        if (z == null) {
            throw new MgdException("metasmoothness needs a point z in metaparameter space (e.g. data weights of 1)");
        }
        checkStep(h);
        if (directions.isEmpty()) {
            throw new MgdException("metasmoothness needs at least 1 direction, got 0");
        }
        if (seeds.length < 1) {
            throw new MgdException("metasmoothness needs at least 1 seed, got 0");
        }
        for (int d = 0; d < directions.size(); d++) {
            double[] v = directions.get(d);
            if (v.length != z.size()) {
                throw new MgdException("direction " + (d + 1) + " has " + v.length + " values but the metaparameters ("
                        + z.kind().key() + ") have " + z.size());
            }
            if (Arrays.stream(v).allMatch(x -> x == 0) || !Arrays.stream(v).allMatch(Double::isFinite)) {
                throw new MgdException("direction " + (d + 1) + " must be finite and nonzero");
            }
        }
        this.spec = spec;
        this.z = z;
        this.h = h;
        this.directions = directions.stream().map(double[]::clone).toList();
        this.seeds = seeds.clone();
    }

    /**
     * {@code directions} random unit Gaussian directions over z (seeded by {@code directionSeed},
     * so every setup of a search sees the same ones) and {@code seeds} batch-order seeds
     * {@code training.seed + k}.
     */
    public static Probe random(JobSpec spec, Metaparameters z, double h, int directions, int seeds,
                               long directionSeed) {
        if (directions < 1) {
            throw new MgdException("metasmoothness needs at least 1 direction, got " + directions);
        }
        if (seeds < 1) {
            throw new MgdException("metasmoothness needs at least 1 seed, got " + seeds);
        }
        checkStep(h);
        SplittableRandom random = new SplittableRandom(directionSeed);
        List<double[]> vs = new ArrayList<>();
        for (int d = 0; d < directions; d++) {
            vs.add(unitGaussian(z.size(), random));
        }
        long[] s = new long[seeds];
        for (int k = 0; k < seeds; k++) {
            s[k] = spec.training().seed() + k;
        }
        return new Probe(spec, z, h, vs, s);
    }

    /** Plain training's point: a data weight of 1 for every training example of the spec. */
    public static Metaparameters plainTraining(JobSpec spec) {
        return Metaparameters.unitWeights(Splits.load(spec.data()).train().size());
    }

    /** {@code 0.1 · √n · max(1, max|z|)}: see {@link #RELATIVE_STEP}. */
    public static double defaultStep(Metaparameters z) {
        double m = 0;
        for (double x : z.values()) {
            m = Math.max(m, Math.abs(x));
        }
        return RELATIVE_STEP * Math.sqrt(z.size()) * Math.max(1.0, m);
    }

    static void checkStep(double h) {
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new MgdException("the metasmoothness step h must be a positive number, got " + h);
        }
    }

    /**
     * Checks, without training, that every run can start (data loads, the batch fits the training
     * split, z fits it, the network builds): a clear error before any training.
     */
    public void preflight() {
        Setup.prepare(spec, z, seeds[0]);
    }

    public JobSpec spec() {
        return spec;
    }

    public Metaparameters point() {
        return z;
    }

    public double h() {
        return h;
    }

    public int directionCount() {
        return directions.size();
    }

    public int seedCount() {
        return seeds.length;
    }

    /** Runs per seed: one at z, two per direction. */
    private int perSeed() {
        return 1 + 2 * directions.size();
    }

    /** The runs, seed by seed: z, then z+δ₁, z+2δ₁, z+δ₂, z+2δ₂, ... */
    public List<Task> tasks() {
        List<Task> out = new ArrayList<>();
        for (long seed : seeds) {
            out.add(new Task(spec, z, seed));
            for (double[] v : directions) {
                double[] delta = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    delta[i] = h * v[i];
                }
                out.add(new Task(spec, shifted(delta, 1), seed));
                out.add(new Task(spec, shifted(delta, 2), seed));
            }
        }
        return out;
    }

    /** What each task of {@link #tasks()} is, for progress lines: "seed 0, z", "seed 0, dir 2, z+2hv". */
    public List<String> labels() {
        List<String> out = new ArrayList<>();
        for (long seed : seeds) {
            out.add("seed " + seed + ", z");
            for (int d = 1; d <= directions.size(); d++) {
                out.add("seed " + seed + ", dir " + d + ", z+hv");
                out.add("seed " + seed + ", dir " + d + ", z+2hv");
            }
        }
        return out;
    }

    private Metaparameters shifted(double[] delta, int multiple) {
        double[] x = z.values();
        for (int i = 0; i < x.length; i++) {
            x[i] += multiple * delta[i];
        }
        return new Metaparameters(z.kind(), x, z.indices());
    }

    /**
     * The scores (one per seed × direction, seed-major), their summary, the mean test accuracy of
     * the runs at z, and the runs' total seconds. A setup where any run diverged has no scores and
     * says which run diverged.
     */
    public Estimate estimate(List<ParameterRun.Outcome> outcomes) {
        if (outcomes.size() != seeds.length * perSeed()) {
            throw new IllegalArgumentException("expected " + seeds.length * perSeed() + " outcomes, got " + outcomes.size());
        }
        double seconds = outcomes.stream().mapToDouble(ParameterRun.Outcome::seconds).sum();
        List<String> labels = labels();
        for (int i = 0; i < outcomes.size(); i++) {
            if (!outcomes.get(i).ok()) {
                return new Estimate(new double[0], Metasmoothness.Summary.of(new double[0]), Double.NaN, seconds,
                        labels.get(i) + ": " + outcomes.get(i).diverged());
            }
        }
        double[] scores = new double[seeds.length * directions.size()];
        double accuracy = 0;
        for (int k = 0; k < seeds.length; k++) {
            int base = k * perSeed();
            double[] t0 = outcomes.get(base).parameters();
            accuracy += outcomes.get(base).testAccuracy() / seeds.length;
            for (int d = 0; d < directions.size(); d++) {
                double s = Metasmoothness.score(t0, outcomes.get(base + 1 + 2 * d).parameters(),
                        outcomes.get(base + 2 + 2 * d).parameters());
                if (Double.isNaN(s)) {
                    throw new MgdException("metasmoothness: training at z+2hv (seed " + seeds[k] + ", direction "
                            + (d + 1) + ") ended at exactly the parameters of training at z: h = " + h
                            + " is too small to change training, or these metaparameters do not affect it");
                }
                scores[k * directions.size() + d] = s;
            }
        }
        return new Estimate(scores, Metasmoothness.Summary.of(scores), accuracy, seconds, null);
    }

    /** One setup's metasmoothness: scores, their summary, test accuracy at z, cost; or why not. */
    public record Estimate(double[] scores, Metasmoothness.Summary summary, double testAccuracy, double seconds,
                           String diverged) implements java.io.Serializable {
        public boolean ok() {
            return diverged == null;
        }
    }

    static double[] unitGaussian(int n, SplittableRandom r) {
        double[] v = new double[n];
        double ss = 0;
        for (int i = 0; i < n; i++) {
            v[i] = Math.sqrt(-2 * Math.log(r.nextDouble(Double.MIN_NORMAL, 1.0))) * Math.cos(2 * Math.PI * r.nextDouble());
            ss += v[i] * v[i];
        }
        double norm = Math.sqrt(ss);
        for (int i = 0; i < n; i++) {
            v[i] /= norm;
        }
        return v;
    }
}
