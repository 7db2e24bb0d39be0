package io.laminar.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code bin/laminar}: dispatches to a subcommand. {@link #run} is the testable entry point: it writes only to the
 * streams it is given and returns the exit code (0 ok, 1 error, 2 usage).
 */
public final class Main {
    static final String USAGE = """
            usage: laminar <command> [options]

              run [--cores N] [--dir DIR] [--quiet] script.sql
                    run a SQL script; with bounded sources it finishes and exits, otherwise it runs until Ctrl-C.
                    Rows of streams that nothing else reads are printed as they arrive (--quiet: don't).
                    --dir DIR keeps state, checkpoints and the catalog in DIR: run the same script again after a
                    crash and it resumes from the last checkpoint, sinks ending exactly as after one clean run
              demo [--rate N] [--cores N] [--seconds N]
                    Nexmark bids at N events/s (default 100000) into live windowed queries; Ctrl-C stops
              sql [--cores N] [--dir DIR]
                    interactive SQL shell; DIR holds state and is where relative connector paths resolve (statements end with ';'; \\help for help); reads stdin when piped
              repl  a Clojure REPL with laminar.core (bin/laminar only)
              bench nexmark|latency|jmh ...
                    benchmarks with Flink and Esper side by side (bin/laminar only; see README "Benchmarks")
              help  this text
            """;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line; returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with {@code sql} reading statements from {@code in}. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            out.print(USAGE);
            return 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "run" -> RunCommand.run(Args.parse(rest, "cores", "quiet", "dir"), out, err);
                case "demo" -> DemoCommand.run(Args.parse(rest, "rate", "cores", "seconds"), out, err);
                case "sql" -> SqlShell.run(Args.parse(rest, "cores", "dir"), in, out, err);
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> {
                    err.println("laminar: unknown command '" + args[0] + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (Args.UsageException e) {
            err.println("laminar " + args[0] + ": " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }
}
