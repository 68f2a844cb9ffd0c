package org.mgd.driver.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mgd.common.data.Dataset;
import org.mgd.common.data.PoolSlices;
import org.mgd.common.io.HadoopFiles;
import org.mgd.common.spec.JobSpec;
import org.mgd.worker.task.InjectionPoint;
import org.mgd.worker.task.PoolScoring;
import org.mgd.worker.task.Task;

/**
 * Pool scoring as a Spark job: one task trains the spec's model and reverses it to the injection
 * step; its parameters and gradient adjoint go out as a broadcast; every partition of the pool
 * reads its own slice and scores it; the scores are written by the executors (Parquet and CSV,
 * committed by Spark), so neither the pool nor its scores ever sit on one machine.
 */
public final class PoolScoringJob {
    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("index", DataTypes.LongType, false),
            DataTypes.createStructField("label", DataTypes.IntegerType, false),
            DataTypes.createStructField("score", DataTypes.DoubleType, false)));

    private PoolScoringJob() {}

    /** What the job found: the injection point's summary and the most helpful / harmful examples. */
    public record Outcome(InjectionPoint point, long poolSize, int partitions, List<Row> mostHelpful,
                          List<Row> mostHarmful, long broadcastBytes) {}

    public static Outcome run(SparkSession spark, JobSpec spec, int step, PoolSlices pool, int partitions, String out) {
        for (String table : List.of(out + "/scores.parquet", out + "/scores.csv")) {
            if (HadoopFiles.exists(table)) {
                throw new org.mgd.common.MgdException(table + " already exists: choose another --out");
            }
        }
        InjectionPoint point = spark.each(List.of(Task.of(spec, null)), t -> InjectionPoint.of(t, step)).get(0);
        org.apache.spark.api.java.JavaSparkContext context = spark.context();
        Broadcast<InjectionPoint> shared = context.broadcast(point);
        Broadcast<JobSpec> sharedSpec = context.broadcast(spec);
        try {
            int n = Math.max(1, Math.min(partitions, (int) Math.min(Integer.MAX_VALUE, pool.size())));
            List<int[]> ranges = new ArrayList<>();
            for (int p = 0; p < n; p++) {
                ranges.add(new int[] {(int) ((long) pool.size() * p / n), (int) ((long) pool.size() * (p + 1) / n)});
            }
            JavaRDD<Row> scores = context.parallelize(ranges, n)
                    .mapPartitions(new ScoreSlices(sharedSpec, shared, pool));
            // The first job scores the partitions and caches them; the tables and the top tens read the cache.
            return spark.watched("pool partitions", n, () -> {
                org.apache.spark.sql.Dataset<Row> table = spark.sql().createDataFrame(scores, SCHEMA).cache();
                table.write().mode(SaveMode.ErrorIfExists).parquet(out + "/scores.parquet");
                table.write().mode(SaveMode.ErrorIfExists).option("header", "true").csv(out + "/scores.csv");
                List<Row> helpful = table.orderBy("score").limit(10).collectAsList();
                List<Row> harmful = table.orderBy(org.apache.spark.sql.functions.col("score").desc()).limit(10)
                        .collectAsList();
                table.unpersist();
                return new Outcome(point, pool.size(), n, helpful, harmful, WireSize.of(point));
            });
        } finally {
            shared.destroy();
            sharedSpec.destroy();
        }
    }

    /** One partition: read its slice of the pool, score every example of it. */
    private record ScoreSlices(Broadcast<JobSpec> spec, Broadcast<InjectionPoint> point, PoolSlices pool)
            implements FlatMapFunction<Iterator<int[]>, Row> {
        @Override
        public Iterator<Row> call(Iterator<int[]> ranges) {
            List<Row> rows = new ArrayList<>();
            while (ranges.hasNext()) {
                int[] r = ranges.next();
                Dataset slice = pool.slice(r[0], r[1]);
                double[] s = ExecutorErrors.translate(() -> PoolScoring.scores(spec.value(), point.value(), slice));
                for (int i = 0; i < s.length; i++) {
                    rows.add(RowFactory.create((long) r[0] + i, slice.label(i), s[i]));
                }
            }
            return rows.iterator();
        }
    }
}
