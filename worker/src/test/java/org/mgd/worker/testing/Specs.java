package org.mgd.worker.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecLoader;

/** The example specs of deploy/examples, as tests load them (with overrides). */
public final class Specs {
    private Specs() {}

    public static Path root() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("deploy/examples"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root above " + System.getProperty("user.dir"));
        }
        return p;
    }

    public static JobSpec example(String name, String... overrides) {
        return SpecLoader.load(root().resolve("deploy/examples/" + name).toString(), List.of(overrides));
    }
}
