package org.mgd.common.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.mgd.common.MgdException;
import org.mgd.common.io.HadoopFiles;

/**
 * Checkpoints as files in a directory of any Hadoop FileSystem. Each file is written under a
 * temporary name and renamed (never seen half-written) and ends with a CRC32 of its contents,
 * so a truncated or corrupted checkpoint is reported, never silently loaded. Format:
 * {@code "MGDCKPT1", step, array count, (length, doubles)*, crc32}, big-endian.
 */
final class FileCheckpointStore implements CheckpointStore {
    private static final byte[] MAGIC = {'M', 'G', 'D', 'C', 'K', 'P', 'T', '1'};

    private final String directory;
    private final Set<String> files = new HashSet<>();

    FileCheckpointStore(String directory) {
        this.directory = directory + "/run-" + UUID.randomUUID();
    }

    @Override
    public String put(Checkpoint c) {
        String file = directory + "/step-" + c.step() + "-" + files.size() + "-" + UUID.randomUUID() + ".ckpt";
        HadoopFiles.writeAtomically(file, encode(c));
        files.add(file);
        return file;
    }

    @Override
    public Checkpoint get(String handle) {
        byte[] bytes;
        try {
            bytes = HadoopFiles.readAllBytes(handle);
        } catch (MgdException e) {
            // Filesystems with checksums of their own (HDFS, Hadoop's local .crc files) may catch
            // the damage before our CRC does: report it the same way.
            if (e.getCause() instanceof ChecksumException || e.getCause() instanceof EOFException) {
                throw corrupt(handle, "checksum mismatch reported by the filesystem: the file is truncated or corrupted");
            }
            throw e;
        }
        return decode(bytes, handle);
    }

    @Override
    public void free(String handle) {
        files.remove(handle);
        delete(handle, false);
    }

    @Override
    public void close() {
        files.clear();
        delete(directory, true);
    }

    private static void delete(String location, boolean recursive) {
        Path p = HadoopFiles.path(location);
        FileSystem fs = HadoopFiles.fileSystem(p);
        try {
            fs.delete(p, recursive);
        } catch (IOException e) {
            throw new MgdException("cannot delete checkpoint " + location + ": " + e.getMessage(), e);
        }
    }

    static byte[] encode(Checkpoint c) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(c.step());
            out.writeInt(c.arrays().length);
            for (double[] a : c.arrays()) {
                out.writeInt(a.length);
                for (double x : a) {
                    out.writeDouble(x);
                }
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Checkpoint decode(byte[] bytes, String name) {
        if (bytes.length < MAGIC.length + 16) {
            throw corrupt(name, "truncated (" + bytes.length + " bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getLong(bytes.length - 8) != crc.getValue()) {
            throw corrupt(name, "checksum mismatch: the file is truncated or corrupted");
        }
        for (byte b : MAGIC) {
            if (in.get() != b) {
                throw corrupt(name, "not a checkpoint file (bad magic)");
            }
        }
        int step = in.getInt();
        double[][] arrays = new double[in.getInt()][];
        for (int i = 0; i < arrays.length; i++) {
            int n = in.getInt();
            if (n < 0 || (long) n * 8 > in.remaining() - 8) {
                throw corrupt(name, "array " + i + " claims " + n + " values, more than the file holds");
            }
            arrays[i] = new double[n];
            in.asDoubleBuffer().get(arrays[i]);
            in.position(in.position() + n * 8);
        }
        return new Checkpoint(step, arrays);
    }

    private static MgdException corrupt(String name, String problem) {
        return new MgdException("checkpoint " + name + " is unusable: " + problem);
    }
}
