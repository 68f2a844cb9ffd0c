package org.mgd.driver.mgd;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.mgd.common.MgdException;
import org.mgd.common.io.HadoopFiles;

/**
 * Keeps two MGD loops out of one output directory while they run. state.json only exists after
 * the first meta-step, so without this a second job started meanwhile would not see the first.
 * A driver that dies leaves its lock: {@code --resume} takes it over (the user says the run it
 * continues is dead), and the message tells what to do when there is nothing to resume.
 */
final class RunLock {
    private final String location;

    private RunLock(String location) {
        this.location = location;
    }

    static String path(String out) {
        return out + "/.mgd-run.lock";
    }

    static RunLock acquire(String out, boolean takeOver) {
        String location = path(out);
        byte[] owner = (ManagementFactory.getRuntimeMXBean().getName() + " since " + Instant.now())
                .getBytes(StandardCharsets.UTF_8);
        if (takeOver) {
            HadoopFiles.writeAtomically(location, owner);
        } else if (!HadoopFiles.createExclusively(location, owner)) {
            String holder = HadoopFiles.readString(location).trim();
            throw new MgdException(out + " is in use by another MGD run (" + holder + "). Choose another --out;"
                    + " if that run died, pass --resume to continue it, or delete " + location
                    + " if it died before its first meta-step");
        }
        return new RunLock(location);
    }

    void release() {
        HadoopFiles.deleteQuietly(location);
    }
}
