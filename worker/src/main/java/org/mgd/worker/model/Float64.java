package org.mgd.worker.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every array in this project is float64: the finite-difference Hessian-vector products the
 * metagradient engine needs are ~1e-10 accurate in float64 and unusable (~1e-4) in float32.
 */
public final class Float64 {
    private Float64() {}

    private static volatile boolean set;

    public static void ensure() {
        if (!set) {
            synchronized (Float64.class) {
                if (!set) {
                    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
                    set = true;
                }
            }
        }
    }
}
