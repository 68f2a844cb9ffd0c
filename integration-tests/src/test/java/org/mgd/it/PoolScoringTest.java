package org.mgd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgd.common.data.PoolSlices;
import org.mgd.common.data.Splits;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecLoader;
import org.mgd.driver.spark.PoolScoringJob;
import org.mgd.driver.spark.SparkSession;

/**
 * Pool scoring as a Spark job over partitions of the pool, in local mode: every candidate's
 * score is the metagradient the engine credits the same example when it is in the injection
 * step's batch, and on a pool with wrong labels the wrong ones score as harmful.
 */
class PoolScoringTest {
    @Test
    void partitionedScoresMatchTheEnginesCreditsAndFlagWrongLabels(@TempDir Path dir) {
        JobSpec spec = SpecLoader.load(LocalCluster.ROOT.resolve("deploy/examples/digits-select.yaml").toString(),
                List.of());
        int step = spec.training().steps() - 10;
        PoolSlices pool = PoolSlices.of(PoolSlices.TRAIN, spec.data());
        List<Row> rows;
        PoolScoringJob.Outcome o;
        try (SparkSession spark = SparkSession.start("pool scoring", "local[2]")) {
            o = PoolScoringJob.run(spark, spec, step, pool, 3, dir.toString());
            rows = spark.sql()
                    .read().parquet(dir.resolve("scores.parquet").toString()).orderBy("index").collectAsList();
        }
        assertEquals(600, rows.size());
        assertEquals(3, o.partitions());
        double[] score = new double[rows.size()];
        for (Row r : rows) {
            score[(int) r.getLong(0)] = r.getDouble(2);
        }
        // The examples of step `step`'s batch were credited by the data-weights metagradient
        // (checked against whole-run finite differences elsewhere) with this very quantity.
        int[] batch = o.point().batch();
        double[] credits = o.point().batchCredits();
        for (int k = 0; k < batch.length; k++) {
            assertEquals(credits[k], score[batch[k]], 1e-9 * Math.abs(credits[k]) + 1e-15, "example " + batch[k]);
        }
        Set<Integer> noisy = new HashSet<>();
        for (int i : Splits.noisyExamples(600, spec.data().labelNoise(), spec.data().split().seed())) {
            noisy.add(i);
        }
        double noisyMean = 0;
        double cleanMean = 0;
        for (int i = 0; i < score.length; i++) {
            if (noisy.contains(i)) {
                noisyMean += score[i] / noisy.size();
            } else {
                cleanMean += score[i] / (score.length - noisy.size());
            }
        }
        assertTrue(noisyMean > 0 && noisyMean > cleanMean, "noisy " + noisyMean + " vs clean " + cleanMean);
        assertTrue(dir.resolve("scores.csv").toFile().isDirectory());
    }
}
