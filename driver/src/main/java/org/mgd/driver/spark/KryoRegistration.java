package org.mgd.driver.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;
import org.mgd.common.meta.MetaKind;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.worker.eval.Evaluation;
import org.mgd.worker.metagrad.Metagradient;
import org.mgd.worker.metagrad.ReplayStats;
import org.mgd.worker.smooth.ParameterRun;
import org.mgd.worker.task.InjectionPoint;
import org.mgd.worker.task.MetagradientResult;
import org.mgd.worker.task.PoolScores;
import org.mgd.worker.task.Task;
import org.mgd.worker.task.TaskResult;

/**
 * Every class of ours that crosses the wire, registered with Kryo ({@code spark.kryo.registrator}),
 * so that it travels as a small id and a compact body. The session runs with
 * {@code spark.kryo.registrationRequired}: a class missing here fails loudly instead of
 * travelling by name. Vectors travel as flat {@code double[]}, never as INDArrays.
 */
public final class KryoRegistration implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        // The spec is a tree of small records, sent once per job as a broadcast: Java
        // serialization keeps that tree's nesting out of this list.
        kryo.register(JobSpec.class, new JavaSerializer());
        kryo.register(MetaKind.class);
        kryo.register(double[].class);
        kryo.register(int[].class);
        kryo.register(long[].class);
        kryo.register(double[][].class);
        kryo.register(java.util.ArrayList.class);
        record(kryo, Metaparameters.class);
        record(kryo, Task.class);
        record(kryo, Evaluation.class);
        record(kryo, Metagradient.Result.class);
        record(kryo, MetagradientResult.class);
        record(kryo, TaskResult.class);
        record(kryo, PoolScores.class);
        record(kryo, InjectionPoint.class);
        record(kryo, ParameterRun.Outcome.class);
        kryo.register(ReplayStats.class);
        kryo.register(SeedSum.class, new SeedSum.WireFormat());
        record(kryo, SeedSum.Part.class);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void record(Kryo kryo, Class<? extends Record> type) {
        kryo.register(type, new RecordSerializer(type));
    }
}
