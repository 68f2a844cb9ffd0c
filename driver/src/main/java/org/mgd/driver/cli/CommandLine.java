package org.mgd.driver.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mgd COMMAND [ARGS] [--set key=value ...] [--meta FILE] [--out FILE] [--master URL] [--quiet]
 * [command options]}. Flags may come anywhere after the command, as {@code --flag value} or
 * {@code --flag=value}.
 */
public record CommandLine(String command, List<String> arguments, List<String> sets, Map<String, String> options,
                          boolean quiet) {

    /** Options that take no value; {@link #flag} reads them. */
    private static final Set<String> FLAGS = Set.of("--resume", "--search");

    private static final Set<String> VALUED = Set.of("--set", "--meta", "--out", "--master", "--directions",
            "--tolerance", "--step", "--steps", "--subsets", "--fraction", "--min-correlation", "--h", "--seeds",
            "--out-spec", "--menu", "--plot", "--parallel", "--pool", "--partitions", "--at-step");

    public static CommandLine parse(String[] args) {
        if (args.length == 0) {
            return new CommandLine("help", List.of(), List.of(), Map.of(), false);
        }
        String command = args[0];
        List<String> positional = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
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
            if (VALUED.contains(flag)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException(flag + " needs a value");
                    }
                    value = args[++i];
                }
                if (flag.equals("--set")) {
                    sets.add(value);
                } else {
                    options.put(flag.substring(2), value);
                }
            } else if (flag.equals("--quiet") || flag.equals("-q")) {
                quiet = true;
            } else if (FLAGS.contains(flag)) {
                options.put(flag.substring(2), "true");
            } else if (flag.equals("--help") || flag.equals("-h")) {
                return new CommandLine("help", List.of(command), List.of(), Map.of(), false);
            } else if (a.startsWith("-")) {
                throw new UsageException("unknown option " + a);
            } else {
                positional.add(a);
            }
        }
        return new CommandLine(command, List.copyOf(positional), List.copyOf(sets), Map.copyOf(options), quiet);
    }

    /** The single positional argument a command takes (the spec). */
    public String spec() {
        return argument(0, 1);
    }

    /** Positional argument {@code index} of a command that takes exactly {@code count}. */
    public String argument(int index, int count) {
        if (arguments.size() != count) {
            throw new UsageException("'" + command + "' takes " + count + (count == 1 ? " argument" : " arguments")
                    + ", got " + (arguments.isEmpty() ? "none" : String.join(" ", arguments)));
        }
        return arguments.get(index);
    }

    public String meta() {
        return options.get("meta");
    }

    public String out() {
        return options.get("out");
    }

    public String master() {
        return options.get("master");
    }

    public boolean flag(String name) {
        return "true".equals(options.get(name));
    }

    public int intOption(String name, int fallback, int min) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int x = Integer.parseInt(v.trim());
            if (x < min) {
                throw new UsageException("--" + name + " must be at least " + min + ", got " + x);
            }
            return x;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " expects an integer, got '" + v + "'");
        }
    }

    public double doubleOption(String name, double fallback) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double x = Double.parseDouble(v.trim());
            if (!(x > 0) || Double.isInfinite(x)) {
                throw new UsageException("--" + name + " must be a positive number, got " + v);
            }
            return x;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " expects a number, got '" + v + "'");
        }
    }

    /** Options this command does not take are a usage error, not silently ignored. */
    public void allowOnly(String... names) {
        Set<String> allowed = Set.of(names);
        for (String o : options.keySet()) {
            if (!allowed.contains(o)) {
                throw new UsageException("'" + command + "' does not take --" + o);
            }
        }
    }
}
