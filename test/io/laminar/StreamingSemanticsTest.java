package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watermarks, late data, every EMIT mode, cascades, HAVING, COUNT(DISTINCT)/FILTER, eviction — DESIGN.md §3. */
class StreamingSemanticsTest {
    static final String BIDS = """
        CREATE SOURCE bids (auction BIGINT, bidder BIGINT, price BIGINT, ts TIMESTAMP(3),
            WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
        """;

    static Object[] bid(long auction, long bidder, long price, String time) {
        return new Object[] {auction, bidder, price, "2026-01-01 00:00:" + time};
    }

    @Test void lateRowsAreDroppedAndCountedAtTheSource() {
        try (EngineHarness h = new EngineHarness(1, BIDS + """
                CREATE STREAM w AS SELECT auction, window_start, COUNT(*) AS n
                  FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND))
                  GROUP BY auction, window_start, window_end;
                """).collect("w")) {
            // watermark after the 3rd row: 12 - 2 = 10, so the 4th row (t=5) is late; t=10 equals it: on time
            h.write("bids", true, bid(1, 1, 10, "01"), bid(1, 1, 10, "03"), bid(1, 1, 10, "12"),
                    bid(1, 1, 10, "05"), bid(1, 1, 10, "10"));
            assertEquals(EngineHarness.sortedOf("1, 2026-01-01 00:00, 2", "1, 2026-01-01 00:00:10, 2"), h.sorted("w"));
            assertEquals(1L, h.db.metrics().get("bids").get("late_rows_dropped"));
        }
    }

    @Test void allowLatenessKeepsWindowsOpenAndLateDataGoesToItsStream() {
        try (EngineHarness h = new EngineHarness(1, BIDS + """
                CREATE STREAM w AS SELECT auction, window_start, COUNT(*) AS n
                  FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND))
                  GROUP BY auction, window_start, window_end
                  EMIT ON WINDOW CLOSE ALLOW LATENESS INTERVAL '5' SECOND LATE DATA TO late_bids;
                CREATE STREAM strict AS SELECT auction, window_start, COUNT(*) AS n
                  FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND))
                  GROUP BY auction, window_start, window_end EMIT FINAL;
                """).collect("w", "late_bids", "strict")) {
            // wm after t=13 is 11: [0,10) closes for `strict` but stays open for `w` until wm >= 15
            h.write("bids", true, bid(1, 1, 10, "01"), bid(1, 1, 10, "13"),
                    bid(1, 1, 10, "07"),   // 4 s behind wm 11: late, within 5 s → counts for w only
                    bid(1, 1, 10, "19"),   // wm 17: [0,10) closes for w
                    bid(1, 1, 10, "08"));  // 9 s behind: later than 5 s → late_bids
            assertEquals(EngineHarness.sortedOf("1, 2026-01-01 00:00, 2", "1, 2026-01-01 00:00:10, 2"), h.sorted("w"));
            assertEquals(EngineHarness.sortedOf("1, 2026-01-01 00:00, 1", "1, 2026-01-01 00:00:10, 2"), h.sorted("strict"));
            assertEquals(List.of("1, 1, 10, 2026-01-01 00:00:08"), h.rows("late_bids"));
        }
    }

    /**
     * Two sources (each entering on its own core) send their late rows to one LATE DATA TO stream: the stream is
     * produced on a core it was not created with, and its subscriber still gets both late rows.
     */
    @Test void oneLateStreamServesSourcesOnDifferentCores() {
        try (EngineHarness h = new EngineHarness(2, BIDS + """
                CREATE SOURCE more_bids (auction BIGINT, bidder BIGINT, price BIGINT, ts TIMESTAMP(3),
                    WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
                CREATE STREAM w1 AS SELECT auction, window_start, COUNT(*) AS n
                  FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND))
                  GROUP BY auction, window_start, window_end LATE DATA TO late_bids;
                CREATE STREAM w2 AS SELECT auction, window_start, COUNT(*) AS n
                  FROM TABLE(TUMBLE(TABLE more_bids, DESCRIPTOR(ts), INTERVAL '10' SECOND))
                  GROUP BY auction, window_start, window_end LATE DATA TO late_bids;
                """).collect("late_bids")) {
            h.write("bids", true, bid(1, 1, 10, "01"), bid(1, 1, 10, "19"), bid(1, 1, 10, "02"));
            h.write("more_bids", true, bid(2, 2, 20, "01"), bid(2, 2, 20, "19"), bid(2, 2, 20, "03"));
            assertEquals(EngineHarness.sortedOf("1, 1, 10, 2026-01-01 00:00:02", "2, 2, 20, 2026-01-01 00:00:03"),
                    h.sorted("late_bids"));
        }
    }

    @Test void emitChangesOnUnboundedGroupByIsARowByRowChangelog() {
        try (EngineHarness h = new EngineHarness(2, BIDS + """
                CREATE STREAM c AS SELECT bidder, COUNT(*) AS n, MAX(price) AS top FROM bids GROUP BY bidder;
                """).collect("c")) {
            h.write("bids", false, bid(1, 7, 10, "01"), bid(2, 7, 30, "02"), bid(3, 8, 5, "03"));
            List<String> rows = h.rows("c");
            // per key the order is defined: +I, then -U/+U pairs
            assertEquals(List.of("+I 7, 1, 10", "-U 7, 1, 10", "+U 7, 2, 30"),
                    rows.stream().filter(r -> r.contains(" 7,")).toList());
            assertTrue(rows.contains("+I 8, 1, 5"));
        }
    }

    @Test void emitChangesOnWindowsUpdatesTheWindowRow() {
        try (EngineHarness h = new EngineHarness(1, BIDS + """
                CREATE STREAM c AS SELECT auction, window_end, SUM(price) AS total
                  FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND))
                  GROUP BY auction, window_start, window_end EMIT CHANGES;
                """).collect("c")) {
            h.write("bids", true, bid(1, 1, 10, "01"), bid(1, 1, 5, "02"));
            assertEquals(List.of("+I 1, 2026-01-01 00:00:10, 10", "-U 1, 2026-01-01 00:00:10, 10",
                    "+U 1, 2026-01-01 00:00:10, 15"), h.rows("c"));
        }
    }

    @Test void emitEveryFiresEarlyThenFinal() throws Exception {
        try (EngineHarness h = new EngineHarness(1, BIDS + """
                CREATE STREAM c AS SELECT auction, SUM(price) AS total
                  FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND))
                  GROUP BY auction, window_start, window_end EMIT EVERY INTERVAL '0.05' SECOND;
                """).collect("c")) {
            h.write("bids", false, bid(1, 1, 10, "01"));
            long deadline = System.currentTimeMillis() + 5_000;
            while (h.rows("c").isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertEquals(List.of("+I 1, 10"), h.rows("c"), "early firing before the window closes");
            h.write("bids", true, bid(1, 1, 7, "02"));
            assertEquals(List.of("+I 1, 10", "-U 1, 10", "+U 1, 17"), h.rows("c"));
        }
    }

    @Test void emitEveryOnSessionsRetractsMergedSessions() throws Exception {
        try (EngineHarness h = new EngineHarness(1, BIDS + """
                CREATE STREAM s AS SELECT auction, window_start, window_end, SUM(price) AS total
                  FROM TABLE(SESSION(TABLE bids, DESCRIPTOR(ts), DESCRIPTOR(auction), INTERVAL '6' SECOND))
                  GROUP BY auction, window_start, window_end EMIT EVERY INTERVAL '0.05' SECOND;
                """).collect("s")) {
            h.write("bids", false, bid(1, 1, 10, "01"), bid(1, 1, 20, "08")); // watermark 6: both stay open
            long deadline = System.currentTimeMillis() + 5_000;
            while (h.rows("s").size() < 2 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertEquals(EngineHarness.sortedOf(
                    "+I 1, 2026-01-01 00:00:01, 2026-01-01 00:00:07, 10",
                    "+I 1, 2026-01-01 00:00:08, 2026-01-01 00:00:14, 20"), h.sorted("s"), "early firing of both sessions");
            // a row at 00:07 touches the first session and overlaps the second: they merge, the swallowed one is retracted
            h.write("bids", true, bid(1, 1, 5, "07"));
            assertEquals(List.of(
                    "-D 1, 2026-01-01 00:00:08, 2026-01-01 00:00:14, 20",
                    "-U 1, 2026-01-01 00:00:01, 2026-01-01 00:00:07, 10",
                    "+U 1, 2026-01-01 00:00:01, 2026-01-01 00:00:14, 35"), h.rows("s").subList(2, 5));
            assertEquals(5, h.rows("s").size());
        }
    }

    @Test void cascadeHavingDistinctAndFilter() {
        try (EngineHarness h = new EngineHarness(2, BIDS + """
                CREATE STREAM per_window AS
                  SELECT auction, window_start AS ws, window_end AS we, COUNT(*) AS n, COUNT(DISTINCT bidder) AS bidders,
                         COUNT(*) FILTER (WHERE price > 100) AS big
                  FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND))
                  GROUP BY auction, window_start, window_end HAVING COUNT(*) > 1;
                CREATE STREAM busiest AS
                  SELECT window_start, MAX(n) AS most
                  FROM TABLE(TUMBLE(TABLE per_window, DESCRIPTOR(ws), INTERVAL '10' SECOND))
                  GROUP BY window_start, window_end;
                """).collect("per_window", "busiest")) {
            h.write("bids", true, bid(1, 1, 150, "01"), bid(1, 1, 20, "02"), bid(1, 2, 200, "03"),
                    bid(2, 3, 10, "04"), bid(2, 4, 10, "05"), bid(3, 5, 10, "06"));
            assertEquals(EngineHarness.sortedOf(
                    "1, 2026-01-01 00:00, 2026-01-01 00:00:10, 3, 2, 2",
                    "2, 2026-01-01 00:00, 2026-01-01 00:00:10, 2, 2, 0"), h.sorted("per_window"));
            assertEquals(List.of("2026-01-01 00:00, 3"), h.rows("busiest"));
        }
    }

    @Test void windowStateIsEvictedWhenWindowsClose() {
        try (EngineHarness h = new EngineHarness(2, BIDS + """
                CREATE STREAM w AS SELECT auction, COUNT(*) AS n
                  FROM TABLE(HOP(TABLE bids, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '3' SECOND))
                  GROUP BY auction, window_start, window_end;
                """).collect("w")) {
            SourceWriter w = h.db.writer("bids");
            for (int i = 0; i < 10_000; i++) w.write((long) (i % 100), 1L, 1L, java.time.Instant.ofEpochMilli(i * 10L));
            w.flush();
            h.db.awaitIdle();
            long open = h.db.database().pipelineOf("w").stateSize();
            assertTrue(open <= 100 * 6, "only the windows near the watermark are held, got " + open);
            w.finish();
            h.db.awaitIdle();
            assertEquals(0, h.db.database().pipelineOf("w").stateSize());
        }
    }

    @Test void filesInFilesOutWithDeadLetters(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("bids.jsonl");
        Files.writeString(in, """
                {"auction": 1, "bidder": 1, "price": 10, "ts": "2026-01-01T00:00:01"}
                {"auction": 1, "bidder": 2, "price": "not a number", "ts": "2026-01-01T00:00:02"}
                {"auction": 2, "bidder": 2, "price": 30, "ts": 1767225603000}
                {"auction": 1, "bidder": 3, "price": 5, "ts": "2026-01-01 00:00:12.5Z"}
                """);
        Path out = dir.resolve("out.jsonl");
        Path changes = dir.resolve("changes.jsonl");
        try (Laminar db = Laminar.open(new Config().cores(1))) {
            db.execute("""
                CREATE SOURCE bids (auction BIGINT, bidder BIGINT, price BIGINT, ts TIMESTAMP(3),
                    WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) FROM FILES (path = '%s', format = 'json');
                CREATE STREAM w AS SELECT auction, TUMBLE_END(ts, INTERVAL '10' SECOND) AS window_end, SUM(price) AS total
                  FROM bids GROUP BY auction, TUMBLE(ts, INTERVAL '10' SECOND);
                CREATE SINK out FROM w INTO FILES (path = '%s', format = 'json');
                CREATE SINK changes FROM (SELECT auction, COUNT(*) AS n FROM bids GROUP BY auction)
                  WITH ('connector' = 'files', 'path' = '%s', 'format' = 'json');
                """.formatted(in, out, changes));
            assertTrue(db.database().awaitBoundedSources(30_000));
            assertEquals(1L, db.metrics().get("bids").get("dead_letters"));
        }
        List<String> lines = Files.readAllLines(out);
        assertEquals(EngineHarness.sortedOf(
                "{\"auction\":1,\"window_end\":\"2026-01-01T00:00:10.000\",\"total\":10}",
                "{\"auction\":1,\"window_end\":\"2026-01-01T00:00:20.000\",\"total\":5}",
                "{\"auction\":2,\"window_end\":\"2026-01-01T00:00:10.000\",\"total\":30}"),
                lines.stream().sorted().toList());
        List<String> ch = Files.readAllLines(changes);
        assertEquals("{\"_op\":\"+I\",\"auction\":1,\"n\":1}", ch.get(0));
        assertTrue(ch.contains("{\"_op\":\"-U\",\"auction\":1,\"n\":1}"));
        assertTrue(ch.contains("{\"_op\":\"+U\",\"auction\":1,\"n\":2}"));
    }

    @Test void writersRejectBadRowsNamingTheColumn() {
        try (Laminar db = Laminar.open()) {
            db.execute(BIDS);
            SourceWriter w = db.writer("bids");
            LaminarException e = assertThrows(LaminarException.class, () -> w.write(Map.of("auctoin", 1L)));
            assertTrue(e.getMessage().contains("'auctoin'") && e.getMessage().contains("did you mean 'auction'"), e.getMessage());
            e = assertThrows(LaminarException.class, () -> w.write(Map.of("price", "cheap")));
            assertTrue(e.getMessage().contains("column price"), e.getMessage());
            assertEquals(ErrorCode.WRONG_TYPE, e.code());
            e = assertThrows(LaminarException.class, () -> w.write(1L, 2L));
            assertTrue(e.getMessage().contains("4 columns"), e.getMessage());
        }
    }
}
