package org.mgd.driver.spark;

import java.util.concurrent.Callable;
import org.mgd.common.MgdException;

/**
 * Turns what an executor cannot do into an error naming the fix. The one that matters: an
 * executor JVM whose classpath lacks ND4J's native backend fails deep inside ND4J's static
 * initialisation, with a message about backends that does not say which machine or what to ship.
 */
final class ExecutorErrors {
    private ExecutorErrors() {}

    static <T> T translate(Callable<T> work) {
        try {
            return work.call();
        } catch (MgdException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            if (missingNativeBackend(e)) {
                throw new MgdException("executor " + host() + " has no ND4J native backend on its classpath ("
                        + e.getClass().getSimpleName() + "): ship the shaded mgd.jar to executors"
                        + " (spark-submit --jars or spark.executor.extraClassPath; it bundles nd4j-native for"
                        + " linux-x86_64), or build it with -Pcuda for GPU executors", e);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof LinkageError l) {
                throw l;
            }
            throw new MgdException("task failed on executor " + host() + ": " + e, e);
        }
    }

    static boolean missingNativeBackend(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t.getClass().getName().contains("NoAvailableBackendException")
                    || m.contains("nd4j backend") || m.contains("ND4J backend")
                    || (t instanceof LinkageError && m.contains("org.nd4j"))
                    || (t instanceof UnsatisfiedLinkError && m.contains("jnind4j"))) {
                return true;
            }
        }
        return false;
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "(unknown host)";
        }
    }
}
