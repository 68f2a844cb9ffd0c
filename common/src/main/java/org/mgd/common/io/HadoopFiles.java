package org.mgd.common.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.mgd.common.MgdException;

/**
 * Reading and writing through the Hadoop FileSystem API, so every path a user gives may be local
 * ({@code /x}, {@code file:///x}) or on any filesystem the cluster has ({@code hdfs://nn/x}).
 * Writes are atomic: the bytes go to a hidden temporary file beside the target, which is then
 * renamed over it, so a reader never sees half a file.
 */
public final class HadoopFiles {
    private HadoopFiles() {}

    private static final ThreadLocal<Configuration> CONF = ThreadLocal.withInitial(Configuration::new);

    public static Path path(String location) {
        if (location == null || location.isBlank()) {
            throw new MgdException("empty path");
        }
        return new Path(location);
    }

    public static FileSystem fileSystem(Path path) {
        try {
            return path.getFileSystem(CONF.get());
        } catch (IOException | RuntimeException e) {
            throw new MgdException("cannot reach the filesystem of " + path + ": " + e.getMessage(), e);
        }
    }

    public static boolean exists(String location) {
        Path p = path(location);
        try {
            return fileSystem(p).exists(p);
        } catch (IOException e) {
            throw new MgdException("cannot check " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * For a relative path, where it was looked for: the default filesystem (fs.defaultFS) decides,
     * and on a local one an executor resolves it in its own working directory, not where the
     * driver was started; "" for anything else.
     */
    public static String relativePathNote(String location) {
        if (location.startsWith("/") || location.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            return "";
        }
        Path p = path(location);
        String qualified;
        try {
            qualified = fileSystem(p).makeQualified(p).toString();
        } catch (RuntimeException e) {
            return "";
        }
        if (!qualified.startsWith("file:")) {
            return " (a relative path, resolved by the default filesystem fs.defaultFS to " + qualified + ")";
        }
        return " (a relative path, looked for as " + qualified + "; executors on a cluster resolve it in their own"
                + " working directories: give an absolute path every node can read, or an hdfs:// URI)";
    }

    /** Opens a file for reading; a missing file is a clear error naming it. */
    public static InputStream open(String location) {
        Path p = path(location);
        try {
            return fileSystem(p).open(p);
        } catch (FileNotFoundException e) {
            throw new MgdException("file not found: " + location + relativePathNote(location));
        } catch (IOException e) {
            throw new MgdException("cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    public static byte[] readAllBytes(String location) {
        try (InputStream in = open(location)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new MgdException("cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    public static String readString(String location) {
        return new String(readAllBytes(location), StandardCharsets.UTF_8);
    }

    public static void writeString(String location, String text) {
        writeAtomically(location, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes to a temporary sibling, then renames it over the target in one step where the
     * filesystem can: HDFS (a rename with OVERWRITE is one namenode operation) and local disks
     * (rename(2) replaces the target). Elsewhere (object stores, whose renames are copies anyway)
     * the old file is deleted first.
     */
    public static void writeAtomically(String location, byte[] bytes) {
        Path target = path(location);
        FileSystem fs = fileSystem(target);
        // Hadoop's local filesystem keeps a .crc beside each file and renames the two one after
        // the other, so a crash between them leaves a file its own checksum rejects. Local files
        // are written without one; what needs a checksum (checkpoints) carries its own.
        if (fs instanceof LocalFileSystem local) {
            fs = local.getRaw();
        }
        Path parent = target.getParent();
        Path tmp = new Path(parent, "." + target.getName() + ".tmp-" + UUID.randomUUID());
        try {
            if (parent != null && !fs.exists(parent)) {
                fs.mkdirs(parent);
            }
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(bytes);
            }
            replace(fs, tmp, target);
        } catch (IOException e) {
            try {
                fs.delete(tmp, false);
            } catch (IOException ignored) {
                // The temporary file is hidden and harmless; the original error matters more.
            }
            throw new MgdException("cannot write " + location + ": " + e.getMessage(), e);
        }
    }

    private static void replace(FileSystem fs, Path tmp, Path target) throws IOException {
        if (fs instanceof DistributedFileSystem hdfs) {
            hdfs.rename(tmp, target, Options.Rename.OVERWRITE);
            return;
        }
        if (fs instanceof RawLocalFileSystem) {
            // A .crc left by an earlier checksummed write would reject the new bytes.
            Path staleChecksum = new Path(target.getParent(), "." + target.getName() + ".crc");
            if (fs.exists(staleChecksum)) {
                fs.delete(staleChecksum, false);
            }
        } else if (fs.exists(target) && !fs.delete(target, false)) {
            throw new IOException("cannot replace the existing file");
        }
        if (!fs.rename(tmp, target)) {
            throw new IOException("rename from " + tmp + " failed");
        }
    }

    /**
     * Fails now, before hours of training, if results could not be written to {@code dir}: its
     * filesystem unreachable, a file in the way, or no permission. Creates the directory.
     */
    public static void checkWritableDirectory(String dir) {
        Path d = path(dir);
        FileSystem fs = fileSystem(d);
        Path probe = new Path(d, ".mgd-write-check-" + UUID.randomUUID());
        try {
            if (fs.exists(d) && !fs.getFileStatus(d).isDirectory()) {
                throw new MgdException(dir + " is a file, not a directory: choose another output directory");
            }
            fs.mkdirs(d);
            fs.create(probe, true).close();
            fs.delete(probe, false);
        } catch (org.apache.hadoop.security.AccessControlException e) {
            throw new MgdException("no permission to write in " + dir + " (" + firstLine(e) + "): choose another"
                    + " output directory or grant write access to it", e);
        } catch (java.net.ConnectException e) {
            throw new MgdException("cannot reach the filesystem of " + dir + " (" + firstLine(e) + "): is its"
                    + " namenode running, and is the address right?", e);
        } catch (IOException e) {
            throw new MgdException("cannot write in " + dir + ": " + firstLine(e), e);
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * Creates {@code location} with {@code bytes} unless it exists: true if this call created it.
     * On HDFS the check and the creation are one namenode operation, so of two callers racing
     * for the same name exactly one wins.
     */
    public static boolean createExclusively(String location, byte[] bytes) {
        Path p = path(location);
        FileSystem fs = fileSystem(p);
        try (OutputStream out = fs.create(p, false)) {
            out.write(bytes);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (exists(location)) {
                return false;
            }
            throw new MgdException("cannot write " + location + ": " + e.getMessage(), e);
        }
    }

    /** Removes a file or directory tree if it is there; for cleaning up after a failed write. */
    public static void deleteQuietly(String location) {
        Path p = path(location);
        try {
            fileSystem(p).delete(p, true);
        } catch (IOException | RuntimeException ignored) {
            // The caller is already reporting the error that matters.
        }
    }

    /** The name of a location without its directories (for messages). */
    public static String fileName(String location) {
        return URI.create(location.replace(" ", "%20")).getPath().replaceAll(".*/", "");
    }
}
