package io.laminar.bench.latency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.laminar.Config;
import io.laminar.ErrorCode;
import io.laminar.Laminar;
import io.laminar.LaminarException;
import io.laminar.SourceWriter;
import io.laminar.Subscription;
import io.laminar.wal.FsyncPolicy;
import io.laminar.bench.Flags;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * {@code bin/laminar bench latency [--rate N] [--seconds S] [--warmup-seconds W] [--queries floor,stateless,windowed]
 * [--cores N] [--dispatch core|delivery] [--fsync off|none|batch|interval(N),...] [--out DIR]}: insert →
 * subscriber-callback latency at a fixed offered load, without coordinated omission.
 *
 * <p>A writer thread offers events on a fixed schedule: event {@code seq} is due {@code seq / rate} seconds after
 * the start, whether or not the engine kept up. Each event carries its {@code seq} (and an event time derived from
 * its due time), so every output row can be traced to the event that caused it; its latency is the subscriber's
 * clock at the callback minus that event's <em>intended</em> send time — a stall delays every event scheduled
 * behind it and all of them are counted, which a "time since actually sent" measure would hide. The writer
 * flushes whenever it is ahead of the schedule (or every {@value #MAX_UNFLUSHED} rows), so batches grow only under
 * load. (Flushing only before longer pauses, leaving batching to the engine, gave a worse median on this shared
 * machine: rows then wait in the writer whenever the core thread is descheduled.)
 *
 * <ul>
 *   <li>{@code floor}: no engine — the writer's loop records each event's latency the moment it would have written
 *       it. What the machine alone costs on the same schedule (timer ticks, hypervisor and OS preemption); the other
 *       queries cannot do better.
 *   <li>{@code stateless}: filter + projection; each output row's latency is measured from its own event.
 *   <li>{@code windowed}: per-auction counts in 10 ms tumbling windows with a zero-delay watermark; a window's rows
 *       are caused by the first event at or past its end (the one that moves the watermark past it), so their
 *       latency is measured from that event's intended time.
 * </ul>
 * The writer uses the allocation-free {@link SourceWriter#row()} builder and the subscriber is a columnar one
 * ({@code --dispatch core}, the default: called on the producing core, no copy or thread hop; {@code delivery}: on
 * the delivery thread). {@code --fsync}: {@code off} (the default) runs in memory; a policy runs with a write-ahead
 * log in a temporary directory at that fsync policy (each event is acknowledged once the policy is met); several,
 * comma-separated, run one after another. Results (p50/p99/p99.9/max in microseconds) go to stdout and
 * {@code DIR/latency.json}.
 */
public final class LatencyBench {
    static final int MAX_UNFLUSHED = 256;
    /**
     * The writer stops this long after the last event was due if it has not sent everything by then (an engine that
     * cannot keep up, or a WAL that fsyncs every event): achieved/s then says how far behind it was.
     */
    static final long GIVE_UP_AFTER_NANOS = 5_000_000_000L;
    static final int AUCTIONS = 100;
    static final long WINDOW_MILLIS = 10;
    private static final Set<String> FLAGS = Set.of("rate", "seconds", "warmup-seconds", "queries", "cores", "out",
            "dispatch", "fsync");

    private LatencyBench() {}

    public static int run(String[] argv, PrintStream out) throws Exception {
        Flags args = Flags.parse(argv, FLAGS, Set.of(), LatencyBench::usage);
        long rate = args.positive("rate", 100_000);
        long seconds = args.positive("seconds", 10);
        // long enough for the JIT to finish with paths that run rarely: a window fires 100 times a second, so its
        // code reaches the optimising compiler only after several seconds
        long warmupSeconds = args.positive("warmup-seconds", 10);
        int cores = (int) args.positive("cores", 1);
        Path dir = Path.of(args.get("out", "target/bench"));
        List<String> queries = List.of(args.get("queries", "floor,stateless,windowed").split(","));
        for (String q : queries) {
            if (!q.equals("floor") && !q.equals("stateless") && !q.equals("windowed")) {
                throw usage("unknown query '" + q + "' in --queries; queries: floor, stateless, windowed");
            }
        }
        String dispatchFlag = args.get("dispatch", "core");
        Subscription.Dispatch dispatch = switch (dispatchFlag) {
            case "core" -> Subscription.Dispatch.CORE_THREAD;
            case "delivery" -> Subscription.Dispatch.DELIVERY_THREAD;
            default -> throw usage("unknown --dispatch '" + dispatchFlag + "'; choices: core, delivery");
        };
        List<String> fsyncs = List.of(args.get("fsync", "off").split(","));
        for (String f : fsyncs) {
            if (!f.equals("off")) {
                try {
                    FsyncPolicy.parse(f);
                } catch (RuntimeException e) {
                    throw usage("unknown --fsync '" + f + "'; choices: off, none, batch, interval(N)");
                }
            }
        }
        out.printf(Locale.ROOT, "Latency: %,d events/s offered for %d s (after %d s warm-up), %d core(s), dispatch %s%n",
                rate, seconds, warmupSeconds, cores, dispatchFlag);
        List<Map<String, Object>> results = new ArrayList<>();
        for (String f : fsyncs) {
            for (String q : queries) {
                if (q.equals("floor") && !f.equals(fsyncs.get(0))) continue; // no engine, no log: once is enough
                results.add(measure(q, rate, seconds, warmupSeconds, cores, dispatch, f));
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%-10s %-12s %12s %12s %10s %9s %9s %9s %9s%n", "query", "wal fsync", "offered/s",
                "achieved/s", "samples", "p50 µs", "p99 µs", "p99.9 µs", "max µs");
        for (Map<String, Object> r : results) {
            out.printf(Locale.ROOT, "%-10s %-12s %,12d %,12d %,10d %9.1f %9.1f %9.1f %9.1f%n", r.get("query"),
                    r.get("wal_fsync"), r.get("offered_per_sec"), r.get("achieved_per_sec"), r.get("samples"),
                    r.get("p50_us"), r.get("p99_us"), r.get("p999_us"), r.get("max_us"));
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("latency.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), results);
        out.println();
        out.println("wrote " + file);
        return 0;
    }

    private static Map<String, Object> measure(String query, long rate, long seconds, long warmupSeconds, int cores,
                                               Subscription.Dispatch dispatch, String fsync) throws Exception {
        long total = rate * (seconds + warmupSeconds);
        long warmupEvents = rate * warmupSeconds;
        long baseMillis = System.currentTimeMillis() / 1000 * 1000; // windows align to whole seconds
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        if (query.equals("floor")) return floor(histogram, total, warmupEvents, rate, cores, dispatch);
        boolean windowed = query.equals("windowed");
        Path walDir = fsync.equals("off") ? null : Files.createTempDirectory("laminar-latency-");
        Config config = new Config().cores(cores).statementTimeoutMillis(600_000);
        if (walDir != null) config.directory(walDir).fsync(fsync);
        try (Laminar db = Laminar.open(config)) {
            db.execute("CREATE SOURCE ev (seq BIGINT, auction BIGINT, price BIGINT, ts TIMESTAMP(3), "
                    + "WATERMARK FOR ts AS ts)");
            db.execute(windowed
                    ? "CREATE STREAM lat_out AS SELECT auction, window_end, COUNT(*) AS bids "
                      + "FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '" + WINDOW_MILLIS / 1000.0 + "' SECOND)) "
                      + "GROUP BY auction, window_start, window_end"
                    : "CREATE STREAM lat_out AS SELECT seq, auction, price * 2 AS doubled FROM ev WHERE price >= 0");
            long[] start = new long[1];
            long[] sentLimit = {total}; // lowered to what was sent if the writer gave up (set before finish())
            int keyColumn = db.database().planOf("lat_out").outputSchema().indexOf(windowed ? "window_end" : "seq");
            Subscription sub = db.subscribe("lat_out", b -> {
                long now = System.nanoTime();
                long[] keys = b.longs[keyColumn];
                for (int r = 0; r < b.size; r++) {
                    long cause = windowed ? triggerOf(keys[r], baseMillis, rate) : keys[r];
                    if (cause < warmupEvents || cause >= sentLimit[0]) continue; // warm-up, or flushed by end of input
                    histogram.recordValue(Math.max(0, now - (start[0] + dueNanos(cause, rate))));
                }
            }, dispatch);
            long sent;
            try (SourceWriter writer = db.writer("ev")) {
                start[0] = System.nanoTime() + 50_000_000L;
                sent = offer(writer, total, rate, start[0], baseMillis, dueNanos(total, rate) + GIVE_UP_AFTER_NANOS);
                sentLimit[0] = sent;
                writer.finish();
            }
            long elapsed = System.nanoTime() - start[0];
            db.awaitIdle();
            return result(query, cores, sub.dispatch().name(), fsync, rate, Math.round(sent / (elapsed / 1e9)), histogram);
        } finally {
            if (walDir != null) deleteTree(walDir);
        }
    }

    /** The {@code floor} query: {@link #offer}'s schedule with no engine behind it. */
    private static Map<String, Object> floor(Histogram histogram, long total, long warmupEvents, long rate, int cores,
                                             Subscription.Dispatch dispatch) {
        long start = System.nanoTime() + 50_000_000L;
        for (long seq = 0; seq < total; seq++) {
            long due = start + dueNanos(seq, rate);
            while (System.nanoTime() < due) Thread.onSpinWait();
            long latency = System.nanoTime() - due;
            if (seq >= warmupEvents) histogram.recordValue(latency);
        }
        long elapsed = System.nanoTime() - start;
        return result("floor", cores, dispatch.name(), "off", rate, Math.round(total / (elapsed / 1e9)), histogram);
    }

    private static Map<String, Object> result(String query, int cores, String dispatch, String fsync, long rate,
                                              long achieved, Histogram histogram) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("query", query);
        r.put("cores", cores);
        r.put("dispatch", dispatch);
        r.put("wal_fsync", fsync);
        r.put("offered_per_sec", rate);
        r.put("achieved_per_sec", achieved);
        r.put("samples", histogram.getTotalCount());
        r.put("p50_us", histogram.getValueAtPercentile(50) / 1e3);
        r.put("p99_us", histogram.getValueAtPercentile(99) / 1e3);
        r.put("p999_us", histogram.getValueAtPercentile(99.9) / 1e3);
        r.put("max_us", histogram.getMaxValue() / 1e3);
        return r;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** Sends events 0..total-1 on their schedule; returns how many were sent. */
    private static long offer(SourceWriter writer, long total, long rate, long start, long baseMillis, long giveUpNanos) {
        int unflushed = 0;
        for (long seq = 0; seq < total; seq++) {
            if ((seq & 1023) == 0 && System.nanoTime() - start > giveUpNanos) { // far behind (e.g. an fsync per event)
                writer.flush();
                return seq;
            }
            long due = start + dueNanos(seq, rate);
            long now = System.nanoTime();
            if (now < due) {
                if (unflushed > 0) {
                    writer.flush();
                    unflushed = 0;
                }
                while (System.nanoTime() < due) Thread.onSpinWait();
            }
            long price = 100 + (seq * 7919) % 100_000;
            writer.row().setLong(0, seq).setLong(1, seq % AUCTIONS).setLong(2, price)
                    .setLong(3, baseMillis + dueNanos(seq, rate) / 1_000_000).commit();
            if (++unflushed >= MAX_UNFLUSHED) {
                writer.flush();
                unflushed = 0;
            }
        }
        writer.flush();
        return total;
    }

    /** Nanoseconds after the start at which event {@code seq} is due. */
    static long dueNanos(long seq, long rate) {
        return (seq / rate) * 1_000_000_000L + (seq % rate) * 1_000_000_000L / rate;
    }

    /** The first event whose time is at or past {@code windowEnd}: the one whose watermark closes the window. */
    static long triggerOf(long windowEnd, long baseMillis, long rate) {
        return Math.ceilDiv((windowEnd - baseMillis) * rate, 1000L);
    }

    static LaminarException usage(String problem) {
        return new LaminarException(ErrorCode.BAD_OPTION, problem + "\nusage: bin/laminar bench latency [--rate N] "
                + "[--seconds S] [--warmup-seconds W] [--queries floor,stateless,windowed] [--cores N] "
                + "[--dispatch core|delivery] [--fsync off|none|batch|interval(N),...] [--out DIR]");
    }
}
