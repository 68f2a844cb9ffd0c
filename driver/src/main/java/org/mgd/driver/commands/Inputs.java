package org.mgd.driver.commands;

import org.mgd.common.meta.Metaparameters;
import org.mgd.common.spec.JobSpec;
import org.mgd.common.spec.SpecLoader;
import org.mgd.driver.cli.CommandLine;
import org.mgd.driver.report.ProgressLine;
import org.mgd.worker.train.StepListener;

/** What most commands read from their command line: the spec, the metaparameters, progress. */
final class Inputs {
    private Inputs() {}

    static JobSpec spec(CommandLine cli) {
        return SpecLoader.load(cli.spec(), cli.sets());
    }

    static Metaparameters meta(CommandLine cli) {
        return cli.meta() == null ? null : Metaparameters.read(cli.meta());
    }

    static StepListener progress(CommandLine cli, String label) {
        return cli.quiet() ? StepListener.NONE : ProgressLine.forStderr(label);
    }
}
