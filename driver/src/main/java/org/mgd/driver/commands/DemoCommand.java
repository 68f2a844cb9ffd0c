package org.mgd.driver.commands;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecLoader;
import org.mgd.driver.cli.CommandLine;
import org.mgd.worker.task.TaskResult;

/**
 * {@code mgd demo}: the embedded example, with nothing to download: trains the MLP of
 * deploy/examples/digits-mlp.yaml (packed into the jar) on the bundled digits.
 */
public final class DemoCommand {
    private DemoCommand() {}

    static final String SPEC_RESOURCE = "/examples/digits-mlp.yaml";

    public static int run(CommandLine cli) {
        cli.allowOnly("master");
        JobSpec spec = SpecLoader.parse(resource(SPEC_RESOURCE), "digits-mlp.yaml (bundled)", cli.sets());
        System.err.println("mgd demo: training a small MLP on the bundled 8x8 digits (deploy/examples/digits-mlp.yaml)");
        TaskResult r = TrainCommand.train(spec, null, cli);
        System.out.printf("Trained a %s MLP on %d digits for %d steps in %.1fs.%n", r.model(), r.splitSizes()[0],
                r.steps(), r.seconds());
        System.out.printf("  target loss %.4f, target accuracy %.1f%%, test accuracy %.1f%% (%d unseen digits)%n",
                r.target().loss(), 100 * r.target().accuracy(), 100 * r.test().accuracy(), r.splitSizes()[2]);
        System.out.println("Next: ./mgd train deploy/examples/digits-mlp.yaml --set training.steps=400");
        return 0;
    }

    static String resource(String name) {
        try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + name + ": rebuild it with mvn package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
