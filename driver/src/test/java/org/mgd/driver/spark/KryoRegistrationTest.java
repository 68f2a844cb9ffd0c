package org.mgd.driver.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecLoader;
import org.mgd.worker.task.MetagradientResult;
import org.mgd.worker.task.Task;
import org.mgd.worker.task.TaskResult;
import org.mgd.worker.train.StepListener;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Everything that crosses the wire goes through Spark's Kryo with {@code registrationRequired}:
 * an unregistered class anywhere inside fails here rather than on a cluster.
 */
class KryoRegistrationTest {
    private static final SerializerInstance KRYO = new KryoSerializer(new SparkConf()
            .set("spark.kryo.registrator", KryoRegistration.class.getName())
            .set("spark.kryo.registrationRequired", "true")).newInstance();

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        ClassTag<T> tag = (ClassTag<T>) ClassTag$.MODULE$.apply(value.getClass());
        ByteBuffer bytes = KRYO.serialize(value, tag);
        return KRYO.deserialize(bytes, tag);
    }

    private static JobSpec digits() {
        return SpecLoader.load("../deploy/examples/digits-select.yaml",
                List.of("training.steps=6", "data.split.train=100"));
    }

    @Test
    void tasksAndTheirResultsSurviveTheWire() {
        JobSpec spec = digits();
        Task task = Task.of(spec, Metaparameters.unitWeights(100));
        Task back = roundTrip(task);
        assertEquals(task.spec(), back.spec());
        assertEquals(task.meta(), back.meta());

        MetagradientResult r = task.metagradient(StepListener.NONE, false);
        MetagradientResult rBack = roundTrip(r);
        assertArrayEquals(r.metagradient().gradient().values(), rBack.metagradient().gradient().values());
        assertEquals(r.metagradient().test(), rBack.metagradient().test());
        assertEquals(r.metagradient().stats().gradientEvaluations(), rBack.metagradient().stats().gradientEvaluations());

        TaskResult t = task.train(StepListener.NONE);
        assertEquals(t.objective(), roundTrip(t).objective());
    }

    @Test
    void aSeedSumTravelsAsItsVectorPlusAFewBytes() {
        SeedSum sum = new SeedSum(2);
        double[] g = new double[1000];
        java.util.Arrays.fill(g, 0.1);
        sum.add(new SeedSum.Part(1, 2, g, 1, 2, 3, 4, 5));
        SeedSum back = roundTrip(sum);
        back.add(new SeedSum.Part(0, 1, g, 1, 2, 3, 4, 5));
        assertEquals(0.2, back.total().gradient()[999], 0.0);
        long bytes = WireSizeOutsideSpark.of(KRYO, sum);
        // 8 bytes a double, plus ids and scalars; Java serialization would add class names.
        assertTrue(bytes >= 8000 && bytes < 8100, bytes + " bytes");
    }

    /** {@link WireSize} needs a running SparkEnv; this measures with a given instance. */
    private static final class WireSizeOutsideSpark {
        static long of(SerializerInstance kryo, Object value) {
            return kryo.serialize(value, ClassTag$.MODULE$.apply(value.getClass())).remaining();
        }
    }
}
