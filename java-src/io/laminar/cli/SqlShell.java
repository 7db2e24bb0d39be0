package io.laminar.cli;

import io.laminar.Laminar;
import io.laminar.LaminarException;
import io.laminar.QueryResult;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code laminar sql}: statements end with {@code ;} and may span lines; results print with
 * {@link QueryResult#format()}; an error is printed and the shell goes on. On a terminal it uses JLine (history in
 * {@code ~/.laminar_history}); otherwise it reads statements from the input stream and exits 1 if any failed.
 */
final class SqlShell {
    static final String HELP = """
            Statements end with ';' and may span several lines. For example:
              CREATE SOURCE bids (auction BIGINT, price BIGINT, ts TIMESTAMP(3),
                                  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
              SHOW SOURCES;  SHOW STREAMS;  SHOW QUERIES;  DESCRIBE bids;  EXPLAIN <query>;
            Commands: \\help (this text), \\q or quit; (leave)""";

    private final Laminar db;
    private final PrintStream out;
    private final PrintStream err;
    private final StringBuilder buffer = new StringBuilder();
    private int failures;

    private SqlShell(Laminar db, PrintStream out, PrintStream err) {
        this.db = db;
        this.out = out;
        this.err = err;
    }

    static int run(Args args, InputStream in, PrintStream out, PrintStream err) {
        if (!args.positional().isEmpty()) throw new Args.UsageException("sql takes no arguments");
        try (Laminar db = Laminar.open(args.config())) {
            SqlShell shell = new SqlShell(db, out, err);
            if (in == System.in && stdinIsTerminal()) return shell.interactive();
            return shell.piped(in);
        } catch (LaminarException e) {
            err.println("laminar: " + e.getMessage());
            return 1;
        }
    }

    private int piped(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (!feed(line)) return failures > 0 ? 1 : 0;
            }
        } catch (IOException e) {
            err.println("laminar: reading input: " + e);
            return 1;
        }
        if (!buffer.toString().isBlank()) execute();
        return failures > 0 ? 1 : 0;
    }

    private int interactive() {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("laminar")
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".laminar_history"))
                    .build();
            out.println("Laminar SQL shell. Statements end with ';'. \\help for help, \\q to quit.");
            while (true) {
                String line;
                try {
                    line = reader.readLine(buffer.isEmpty() ? "laminar> " : "      -> ");
                } catch (UserInterruptException e) {   // Ctrl-C drops the statement being typed
                    buffer.setLength(0);
                    continue;
                } catch (EndOfFileException e) {       // Ctrl-D
                    return 0;
                }
                if (!feed(line)) return 0;
            }
        } catch (IOException e) {
            err.println("laminar: cannot open the terminal: " + e);
            return 1;
        }
    }

    /** Takes one line of input; returns false when the user asked to leave. */
    private boolean feed(String line) {
        String trimmed = line.strip();
        if (buffer.isEmpty()) {
            switch (trimmed.toLowerCase(java.util.Locale.ROOT)) {
                case "\\q", "quit", "quit;", "exit", "exit;" -> { return false; }
                case "\\help", "\\h", "\\?", "help", "help;" -> {
                    out.println(HELP);
                    return true;
                }
                case "" -> { return true; }
                default -> { }
            }
        }
        buffer.append(line).append('\n');
        if (trimmed.endsWith(";")) execute();
        return true;
    }

    private void execute() {
        String sql = buffer.toString();
        buffer.setLength(0);
        try {
            for (QueryResult r : db.executeAll(sql)) out.println(r.format());
        } catch (LaminarException e) {
            failures++;
            err.println("error: " + e.getMessage());
        }
        out.flush();
    }

    /** Whether stdin and stdout are a terminal (JDK 22+ returns a Console even when they are redirected). */
    static boolean stdinIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;    // JDK 21: a non-null console is a terminal
        }
    }
}
