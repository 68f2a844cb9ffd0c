package org.mgd.driver.commands;

import java.util.ArrayList;
import java.util.List;
import org.mgd.common.MgdException;
import org.mgd.common.data.Splits;
import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecException;
import org.mgd.common.spec.SpecLoader;
import org.mgd.driver.cli.CommandLine;

/**
 * {@code mgd validate SPEC}: every problem with a spec, each with its key path, without training.
 * It also reads the data (cheap next to training), since a wrong path or a split larger than its
 * source is the commonest mistake of all.
 */
public final class ValidateCommand {
    private ValidateCommand() {}

    public static int run(CommandLine cli) {
        cli.allowOnly("meta");
        List<String> problems = new ArrayList<>();
        JobSpec spec = null;
        try {
            spec = SpecLoader.load(cli.spec(), cli.sets());
        } catch (SpecException e) {
            problems.addAll(e.problems());
        } catch (MgdException e) {
            problems.add(e.getMessage());
        }
        Splits splits = null;
        if (spec != null) {
            try {
                splits = Splits.load(spec.data());
                if (spec.training().batchSize() > splits.train().size()) {
                    problems.add("training.batch_size: " + spec.training().batchSize()
                            + " is larger than the training split (" + splits.train().size() + " examples)");
                }
                if (cli.meta() != null) {
                    Metaparameters.read(cli.meta()).checkFits(splits.train().size(), splits.train().featureCount());
                }
            } catch (MgdException e) {
                problems.add(e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            System.out.printf("%s: ok (%s: %d train / %d target / %d test examples, %d steps)%n", cli.spec(),
                    spec.name(), splits.train().size(), splits.target().size(), splits.test().size(),
                    spec.training().steps());
            return 0;
        }
        System.out.println(cli.spec() + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
        for (String p : problems) {
            System.out.println("  " + p);
        }
        return 1;
    }
}
