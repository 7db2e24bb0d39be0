package io.laminar.cli;

import io.laminar.Laminar;
import io.laminar.LaminarException;
import io.laminar.ResultBatch;
import io.laminar.data.Values;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code laminar demo}: the Nexmark bid and auction generators feeding four live windowed queries, one over a join (from
 * {@code resources/demo/nexmark-demo.sql}). Listeners only buffer rows by window end; one ticker thread, every
 * 500 ms, prints the windows the watermark had passed one tick earlier (so every row of a window has arrived) and
 * redraws the status line. All printing happens on that thread.
 */
final class DemoCommand {
    static final String SCRIPT = "/demo/nexmark-demo.sql";
    private static final long TICK_MILLIS = 500;
    private static final int SPEEDUP = 10;

    private final PrintStream out;
    private final boolean terminal;
    private final Laminar db;
    private final Windows hot = new Windows("HOP", DemoCommand::hottest);
    private final Windows maxPrice = new Windows("TUMBLE", DemoCommand::maxPrice);
    private final Windows sessions = new Windows("SESSION", DemoCommand::longestSessions);
    private final Windows earlyBids = new Windows("JOIN", DemoCommand::earlyBidding);
    private long lastRows;
    private long lastNanos = System.nanoTime();
    private long previousWatermark = Long.MIN_VALUE;
    private int ticks;

    private DemoCommand(Laminar db, PrintStream out, boolean terminal) {
        this.db = db;
        this.out = out;
        this.terminal = terminal;
    }

    static int run(Args args, PrintStream out, PrintStream err) {
        if (!args.positional().isEmpty()) throw new Args.UsageException("demo takes no arguments");
        long rate = args.number("rate", 100_000);
        long seconds = args.number("seconds", 0);
        String sql;
        try (InputStream in = DemoCommand.class.getResourceAsStream(SCRIPT)) {
            if (in == null) throw new IOException(SCRIPT + " is not on the classpath");
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${rate}", Long.toString(rate))
                    .replace("${event_rate}", Long.toString(rate == 0 ? 10_000 : Math.max(1, rate / SPEEDUP)));
        } catch (IOException e) {
            err.println("laminar: cannot load the demo: " + e.getMessage());
            return 1;
        }
        Laminar db = Laminar.open(args.config());
        try {
            DemoCommand demo = new DemoCommand(db, out, out == System.out && SqlShell.stdinIsTerminal());
            db.executeAll(sql);
            db.subscribe("hot_auctions", demo.hot::add);
            db.subscribe("max_price", demo.maxPrice::add);
            db.subscribe("bidder_sessions", demo.sessions::add);
            db.subscribe("early_bidding", demo.earlyBids::add);
            out.println("Nexmark bids at " + (rate == 0 ? "full speed" : rate + " events/s") + "; event time runs "
                    + SPEEDUP + "x faster than the clock. Queries: hot_auctions (HOP 2s/10s, top 5 shown), "
                    + "max_price (TUMBLE 10s), bidder_sessions (SESSION 10s gap), early_bidding (bids within 2s of their "
                    + "auction opening: auction JOIN bid, then TUMBLE 10s). "
                    + (seconds > 0 ? "Stops after " + seconds + " s." : "Ctrl-C stops."));
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "laminar-demo-status");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(demo::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
            CountDownLatch stopped = new CountDownLatch(1);
            Runnable stop = () -> {
                ticker.shutdown();
                try {
                    ticker.awaitTermination(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                demo.finish();
                stopped.countDown();
            };
            if (seconds > 0) {
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                stop.run();
            } else {
                Runtime.getRuntime().addShutdownHook(new Thread(stop, "laminar-shutdown"));
                stopped.await();
            }
            return 0;
        } catch (LaminarException e) {
            err.println("laminar: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            db.close();
        }
    }

    /** Prints the windows that were complete a tick ago and redraws the status line. */
    private void tick() {
        try {
            Map<String, Object> bid = db.metrics().get("bid");
            long watermark = ((Number) bid.get("watermark")).longValue();
            long rows = ((Number) bid.get("rows_in")).longValue();
            long now = System.nanoTime();
            double perSecond = (rows - lastRows) * 1e9 / Math.max(1, now - lastNanos);
            lastRows = rows;
            lastNanos = now;
            List<String> lines = new ArrayList<>();
            for (Windows w : List.of(hot, maxPrice, sessions, earlyBids)) lines.addAll(w.drain(previousWatermark));
            previousWatermark = watermark;
            String status = String.format("bids/s %,.0f | bids %,d | watermark %s", perSecond, rows,
                    watermark == Long.MIN_VALUE ? "-" : Values.formatTimestamp(watermark));
            if (terminal) {
                out.print("\r\033[K");
                lines.forEach(out::println);
                out.print(status);
            } else {
                lines.forEach(out::println);
                if (++ticks % 10 == 0) out.println(status);
            }
            out.flush();
        } catch (RuntimeException e) {
            out.println("\nstatus: " + e);   // keep ticking: a failed redraw must not stop the demo
        }
    }

    /** Closes the database (which drains it) and prints every buffered window the watermark had passed. */
    private void finish() {
        Map<String, Object> bid = db.metrics().get("bid");
        long watermark = bid == null ? Long.MIN_VALUE : ((Number) bid.get("watermark")).longValue();
        db.close();
        if (terminal) out.print("\r\033[K");
        for (Windows w : List.of(hot, maxPrice, sessions, earlyBids)) w.drain(watermark).forEach(out::println);
        out.println("stopped after " + String.format("%,d", bid == null ? 0 : ((Number) bid.get("rows_in")).longValue())
                + " bids");
        out.flush();
    }

    // ------------------------------------------------------------------ rendering one query's closed windows

    /** Rows of one query, buffered by window end until the watermark has passed it. */
    private static final class Windows {
        private final String label;
        private final Function<List<Map<String, Object>>, List<String>> render;
        private final TreeMap<Long, List<Map<String, Object>>> byEnd = new TreeMap<>();

        Windows(String label, Function<List<Map<String, Object>>, List<String>> render) {
            this.label = label;
            this.render = render;
        }

        synchronized void add(ResultBatch batch) {
            for (Map<String, Object> row : batch.toMaps()) {
                if (row.containsKey("_op") && !"+I".equals(row.get("_op")) && !"+U".equals(row.get("_op"))) continue;
                long end = Values.timestampMillis(row.get("window_end"));
                byEnd.computeIfAbsent(end, k -> new ArrayList<>()).add(row);
            }
        }

        /** Lines for every buffered window ending at or before {@code watermark}, oldest first. */
        List<String> drain(long watermark) {
            List<Map<String, Object>> closed = new ArrayList<>();
            List<List<Map<String, Object>>> perWindow = new ArrayList<>();
            synchronized (this) {
                var head = byEnd.headMap(watermark, true);
                perWindow.addAll(head.values());
                head.clear();
            }
            List<String> lines = new ArrayList<>();
            if (label.equals("SESSION")) {   // sessions end at every instant: one line per tick
                perWindow.forEach(closed::addAll);
                if (!closed.isEmpty()) render.apply(closed).forEach(l -> lines.add(label + "  " + l));
            } else {
                for (List<Map<String, Object>> w : perWindow) render.apply(w).forEach(l -> lines.add(label + "  " + l));
            }
            return lines;
        }
    }

    private static String span(Map<String, Object> row) {
        return "[" + time(row.get("window_start")) + " - " + time(row.get("window_end")) + ")";
    }

    private static String time(Object ts) {
        String s = Values.formatTimestamp(Values.timestampMillis(ts));
        return s.substring(s.indexOf('T') + 1);
    }

    private static long count(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private static List<String> hottest(List<Map<String, Object>> window) {
        StringBuilder sb = new StringBuilder(span(window.get(0))).append(" hottest auctions:");
        window.stream().sorted(Comparator.comparingLong((Map<String, Object> r) -> -count(r, "bids"))).limit(5)
                .forEach(r -> sb.append(' ').append(r.get("auction")).append(" (").append(r.get("bids")).append(" bids)"));
        sb.append(" of ").append(window.size()).append(" auctions");
        return List.of(sb.toString());
    }

    private static List<String> maxPrice(List<Map<String, Object>> window) {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> r : window) {
            lines.add(span(r) + " max price " + r.get("max_price") + " over " + r.get("bids") + " bids");
        }
        return lines;
    }

    private static List<String> earlyBidding(List<Map<String, Object>> window) {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> r : window) {
            lines.add(span(r) + " " + r.get("bids") + " bids within 2 s of their auction opening, on " + r.get("auctions")
                    + " auctions; top bid " + r.get("top_bid"));
        }
        return lines;
    }

    private static List<String> longestSessions(List<Map<String, Object>> closed) {
        StringBuilder sb = new StringBuilder().append(closed.size()).append(" sessions closed; busiest:");
        closed.stream().sorted(Comparator.comparingLong((Map<String, Object> r) -> -count(r, "bids"))).limit(3)
                .forEach(r -> sb.append(" bidder ").append(r.get("bidder")).append(' ').append(span(r))
                        .append(' ').append(r.get("bids")).append(" bids;"));
        sb.setLength(sb.length() - 1);
        return List.of(sb.toString());
    }
}
