package org.mgd.driver.spark;

import org.apache.spark.SparkEnv;
import scala.reflect.ClassTag$;

/** How many bytes an object takes on the wire: its size under the running Spark serializer. */
final class WireSize {
    private WireSize() {}

    static long of(Object value) {
        return SparkEnv.get().serializer().newInstance()
                .serialize(value, ClassTag$.MODULE$.apply(value.getClass())).remaining();
    }
}
