package org.mgd.common.checkpoint;

import org.mgd.common.MgdException;

/**
 * Where replayed training keeps its checkpoints: in memory, or as files on any Hadoop
 * FileSystem (local disk, HDFS) when states do not fit in memory. {@code put} returns a handle
 * that {@code get} and {@code free} take; handles are private to one store.
 */
public interface CheckpointStore extends AutoCloseable {

    String put(Checkpoint checkpoint);

    Checkpoint get(String handle);

    void free(String handle);

    /** Frees everything still stored. */
    @Override
    void close();

    /** {@code memory}, {@code local:DIR}, or a directory URI such as {@code hdfs://nn:8020/tmp/ckpt}. */
    static CheckpointStore open(String location) {
        if (location == null || location.equals("memory")) {
            return new MemoryCheckpointStore();
        }
        if (location.startsWith("local:")) {
            return new FileCheckpointStore("file://" + new java.io.File(location.substring(6)).getAbsolutePath());
        }
        if (location.contains("://")) {
            return new FileCheckpointStore(location);
        }
        throw new MgdException("replay.checkpoints: '" + location
                + "' is not one of memory, local:DIR, or a filesystem URI (hdfs://..., file://...)");
    }

    /** Checks the form of a location without touching any filesystem. */
    static void checkSyntax(String location) {
        if (!(location.equals("memory") || (location.startsWith("local:") && location.length() > 6)
                || location.contains("://"))) {
            throw new MgdException("'" + location + "' is not one of memory, local:DIR, or a filesystem URI");
        }
    }
}
