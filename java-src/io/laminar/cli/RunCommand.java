package io.laminar.cli;

import io.laminar.Laminar;
import io.laminar.LaminarException;
import io.laminar.QueryResult;
import io.laminar.exec.DeadLetter;
import io.laminar.sql.SqlStatements;
import io.laminar.sql.ddl.SqlCreateStream;
import io.laminar.sql.ddl.SqlDropObject;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code laminar run script.sql}: executes the script in one {@code executeAll}, prints each statement's result,
 * prints the rows of streams nothing else reads, waits for bounded sources to finish (or for Ctrl-C when one is
 * unbounded), reports per-source counters and dead letters on stderr, and closes, which flushes the sinks.
 *
 * <p>With {@code --dir DIR} the database lives in DIR. A first run records each statement in DIR's catalog log; a
 * rerun (after a crash, or after completion) recovers DIR — objects, newest checkpoint, WAL — and the script's
 * statements that match the log are recognised as already applied, so the same command simply continues. Closing
 * takes a final checkpoint, which commits the exactly-once FILES sinks.
 */
final class RunCommand {
    private static final long FOREVER_MILLIS = TimeUnit.DAYS.toMillis(365);
    private static final int DEAD_LETTERS_SHOWN = 5;

    private RunCommand() {}

    static int run(Args args, PrintStream out, PrintStream err) {
        if (args.positional().size() != 1) throw new Args.UsageException("run wants exactly one script file");
        Path file = Path.of(args.positional().get(0)).toAbsolutePath();
        String script;
        try {
            script = Files.readString(file);
        } catch (IOException e) {
            err.println("laminar: cannot read " + file + ": " + e);
            return 1;
        }
        Laminar db = null;
        try {
            List<Tap.Spec> taps = args.flag("quiet") ? List.of() : tapsFor(script);
            StringBuilder sql = new StringBuilder(script);
            for (Tap.Spec tap : taps) sql.append("\n;\n").append(tap.sql());

            db = Laminar.open(args.config());
            List<QueryResult> results = db.executeAll(sql.toString());
            for (QueryResult r : results.subList(0, results.size() - taps.size())) out.println(r.format());
            armTaps(db, taps, out);

            if (!db.database().awaitBoundedSources(FOREVER_MILLIS)) {
                err.println("laminar: a source is unbounded; running until Ctrl-C");
                Laminar open = db;
                CountDownLatch closed = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    report(open, err);
                    open.close();
                    closed.countDown();
                }, "laminar-shutdown"));
                closed.await();
                return 0;
            }
            report(db, err);
            db.close();
            return 0;
        } catch (LaminarException e) {
            err.println("laminar: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (db != null) db.close();
        }
    }

    /** One tap statement per stream the script creates and does not drop again. */
    private static List<Tap.Spec> tapsFor(String script) {
        Set<String> streams = new java.util.LinkedHashSet<>();
        for (SqlStatements.Statement st : SqlStatements.parse(script)) {
            if (st.node() instanceof SqlCreateStream s) streams.add(last(s.name.names));
            if (st.node() instanceof SqlDropObject d) streams.removeIf(n -> n.equalsIgnoreCase(last(d.name.names)));
        }
        List<Tap.Spec> taps = new ArrayList<>();
        for (String s : streams) taps.add(Tap.on(s));
        return taps;
    }

    private static String last(List<String> names) { return names.get(names.size() - 1); }

    /** Taps of streams that no other stream and no sink reads print; the others are discarded. */
    private static void armTaps(Laminar db, List<Tap.Spec> taps, PrintStream out) {
        if (taps.isEmpty()) return;
        Set<String> read = new HashSet<>();
        for (Map<String, Object> q : db.execute("SHOW QUERIES").toMaps()) read.add(lower(q.get("reads")));
        for (Map<String, Object> s : db.execute("SHOW SINKS").toMaps()) {
            String detail = String.valueOf(s.get("detail"));     // "from <stream> into <CONNECTOR>"
            if (!Tap.isTapName(String.valueOf(s.get("name"))) && detail.startsWith("from ")) {
                read.add(lower(detail.substring(5, detail.lastIndexOf(" into "))));
            }
        }
        for (Tap.Spec t : taps) {
            Tap tap = Tap.forId(t.id());
            if (tap == null) continue;
            if (read.contains(lower(t.stream()))) {
                tap.arm(null);
            } else {
                tap.arm(line -> {
                    synchronized (out) {
                        out.println(line);
                    }
                });
            }
        }
    }

    private static String lower(Object o) { return String.valueOf(o).toLowerCase(Locale.ROOT); }

    /** Per-source counters and the first dead letters, on stderr. */
    static void report(Laminar db, PrintStream err) {
        Map<String, Map<String, Object>> metrics = new LinkedHashMap<>(db.metrics());
        metrics.forEach((name, m) -> {
            if ("SOURCE".equals(m.get("kind"))) {
                err.println("source " + name + ": " + m.get("rows_in") + " rows in, " + m.get("late_rows_dropped")
                        + " late rows dropped, " + m.get("dead_letters") + " dead letters");
            }
        });
        List<DeadLetter> dead = db.database().recentDeadLetters();
        for (DeadLetter d : dead.subList(0, Math.min(DEAD_LETTERS_SHOWN, dead.size()))) {
            err.println("  dead letter in " + d.source() + " (" + d.origin() + "): " + d.reason() + ": "
                    + abbreviate(d.originalText()));
        }
        if (dead.size() > DEAD_LETTERS_SHOWN) err.println("  ... and " + (dead.size() - DEAD_LETTERS_SHOWN) + " more");
    }

    private static String abbreviate(String s) {
        if (s == null) return "";
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() > 100 ? one.substring(0, 97) + "..." : one;
    }
}
