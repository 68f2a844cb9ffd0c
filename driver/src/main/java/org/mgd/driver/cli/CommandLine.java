package org.mgd.driver.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code mgd COMMAND [ARGS] [--set key=value ...] [--meta FILE] [--out FILE] [--master URL] [--quiet]}.
 * Flags may come anywhere after the command, as {@code --flag value} or {@code --flag=value}.
 */
public record CommandLine(String command, List<String> arguments, List<String> sets, String meta, String out,
                          String master, boolean quiet) {

    private static final Set<String> VALUED = Set.of("--set", "--meta", "--out", "--master");

    public static CommandLine parse(String[] args) {
        if (args.length == 0) {
            return new CommandLine("help", List.of(), List.of(), null, null, null, false);
        }
        String command = args[0];
        List<String> positional = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        String meta = null;
        String out = null;
        String master = null;
        boolean quiet = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String flag = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                flag = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (VALUED.contains(flag) && value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(flag + " needs a value");
                }
                value = args[++i];
            }
            switch (flag) {
                case "--set" -> sets.add(value);
                case "--meta" -> meta = value;
                case "--out" -> out = value;
                case "--master" -> master = value;
                case "--quiet", "-q" -> quiet = true;
                case "--help", "-h" -> {
                    return new CommandLine("help", List.of(command), List.of(), null, null, null, false);
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a);
                    }
                    positional.add(a);
                }
            }
        }
        return new CommandLine(command, List.copyOf(positional), List.copyOf(sets), meta, out, master, quiet);
    }

    /** The single positional argument a command takes (the spec). */
    public String spec() {
        if (arguments.size() != 1) {
            throw new UsageException("'" + command + "' takes one spec file, got "
                    + (arguments.isEmpty() ? "none" : String.join(" ", arguments)));
        }
        return arguments.get(0);
    }
}
