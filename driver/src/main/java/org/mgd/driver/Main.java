package org.mgd.driver;

import org.mgd.common.MgdException;
import org.mgd.driver.cli.CommandLine;
import org.mgd.driver.cli.UsageException;
import org.mgd.driver.commands.BenchCommand;
import org.mgd.driver.commands.CheckCommand;
import org.mgd.driver.commands.DemoCommand;
import org.mgd.driver.commands.MetagradCommand;
import org.mgd.driver.commands.RunCommand;
import org.mgd.driver.commands.ScoreCommand;
import org.mgd.driver.commands.SmoothnessCommand;
import org.mgd.driver.commands.SweepCommand;
import org.mgd.driver.commands.TrainCommand;
import org.mgd.driver.commands.ValidateCommand;

/**
 * The {@code mgd} command line, and the main class {@code spark-submit} runs. Exit codes: 0 done,
 * 1 the job failed (bad input, divergence; the message says why), 2 the command line is wrong.
 */
public final class Main {
    private Main() {}

    static final String USAGE = """
            usage: mgd COMMAND [ARGS] [OPTIONS]

            commands:
              demo                 train on the bundled digits (no download needed)
              train SPEC           train once; writes JSON (objective, accuracies, steps, seconds)
              validate SPEC        check a spec and print every problem, each with its key path
              metagrad SPEC        the metagradient ∂φ/∂z at --meta (default: data weights of 1), as JSON
              check SPEC           compare the metagradient with finite differences of whole runs
                                   (--directions N, --tolerance X, --step H); exit 1 on mismatch
              run SPEC             metagradient descent as the spec's mgd: section says (select, poison,
                                   schedule); --out DIR (default runs/NAME), --resume, or
                                   --meta START: start from START (select: a subset at the budget;
                                   schedule: the knots) instead of a random subset / flat schedule
              smoothness SPEC      metasmoothness Ŝ in [-1, 1] (1: smooth) from runs at z, z+hv, z+2hv, averaged
                                   over --directions N (3) x --seeds S (1); --h H (0.1 √n max(1, max|z|));
                                   --search: score a menu of interventions (or --menu FILE), best first,
                                   and write the best spec (--out-spec FILE, default best-spec.yaml);
                                   --plot FILE: a PNG of Ŝ against test accuracy
              score SPEC           pool scoring: each candidate's metagradient for a weight injected at
                                   --at-step T (default: the last), over --pool SOURCE (default: the
                                   training split) in --partitions P; scores.parquet + scores.csv in --out
              sweep SWEEP          every configuration of a grid over spec keys (run: train | mgd) in one
                                   Spark application; results.csv + results.parquet in --out DIR,
                                   MGD configurations' own outputs under DIR/configurations/NNNN;
                                   --parallel N: MGD jobs at once (default all)
              bench replay SPEC    metagradient cost / training cost for several replay schedules
                                   (--steps 100,1000,4000)
              help                 this text

            options:
              --set key.path=value override a spec key (repeatable), e.g. --set training.steps=400
              --meta FILE          train at these metaparameters (JSON: kind, values[, indices])
              --out FILE           write the JSON result here (local path or any Hadoop URI)
              --master URL         Spark master (default: local[*], or what spark-submit says)
              --quiet              no progress line

            SPEC and FILE may be local paths or Hadoop URIs (file://, hdfs://).
            Set MGD_DEBUG=1 to see stack traces.""";

    public static void main(String[] args) {
        int code = run(args);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /** Runs one command and returns its exit code (tests call this without exiting the JVM). */
    public static int run(String[] args) {
        try {
            CommandLine cli = CommandLine.parse(args);
            return switch (cli.command()) {
                case "train" -> TrainCommand.run(cli);
                case "validate" -> ValidateCommand.run(cli);
                case "demo" -> DemoCommand.run(cli);
                case "metagrad" -> MetagradCommand.run(cli);
                case "check" -> CheckCommand.run(cli);
                case "bench" -> BenchCommand.run(cli);
                case "run" -> RunCommand.run(cli);
                case "smoothness" -> SmoothnessCommand.run(cli);
                case "sweep" -> SweepCommand.run(cli);
                case "score" -> ScoreCommand.run(cli);
                case "help", "--help", "-h" -> {
                    System.out.println(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + cli.command() + "'");
            };
        } catch (UsageException e) {
            System.err.println("mgd: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        } catch (MgdException e) {
            System.err.println("mgd: " + e.getMessage());
            debug(e);
            return 1;
        } catch (RuntimeException | Error e) {
            System.err.println("mgd: internal error: " + e + " (rerun with MGD_DEBUG=1 for the stack trace,"
                    + " and please report it)");
            debug(e);
            return 1;
        }
    }

    private static void debug(Throwable e) {
        if (System.getenv("MGD_DEBUG") != null) {
            e.printStackTrace();
        }
    }
}
