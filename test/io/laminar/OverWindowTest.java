package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OVER windows end to end (Flink semantics): rows are processed in event-time order once the watermark passes
 * them, whatever order they arrived in; one output row per input row, append-only.
 */
class OverWindowTest {
    static final String BIDS = StreamingSemanticsTest.BIDS;

    static Object[] bid(long auction, long bidder, long price, String time) {
        return StreamingSemanticsTest.bid(auction, bidder, price, time);
    }

    @Test void rowsFrameAggregatesLagAndRowNumberInTimeOrder() {
        try (EngineHarness h = new EngineHarness(1, BIDS + """
                CREATE STREAM o AS SELECT auction, price,
                    ROW_NUMBER() OVER (PARTITION BY auction ORDER BY ts) AS rn,
                    LAG(price) OVER (PARTITION BY auction ORDER BY ts) AS prev1,
                    LAG(price, 2, -1) OVER (PARTITION BY auction ORDER BY ts) AS prev2,
                    SUM(price) OVER w AS s, AVG(price) OVER w AS a, MIN(price) OVER w AS lo, MAX(price) OVER w AS hi,
                    COUNT(*) OVER w AS n
                  FROM bids
                  WINDOW w AS (PARTITION BY auction ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW);
                """).collect("o")) {
            // 03 arrives before 02 (within the 2 s delay): it is still processed after 02
            h.write("bids", false, bid(1, 1, 10, "01"), bid(1, 1, 30, "03"), bid(1, 1, 20, "02"));
            assertEquals(List.of(), h.rows("o"), "nothing is emitted before the watermark passes a row");
            h.write("bids", true, bid(1, 1, 5, "04"), bid(1, 1, 40, "05"), bid(2, 1, 7, "05"));
            List<String> rows = h.rows("o");
            assertEquals(List.of(
                    "1, 10, 1, null, -1, 10, 10, 10, 10, 1",
                    "1, 20, 2, 10, -1, 30, 15, 10, 20, 2",
                    "1, 30, 3, 20, 10, 60, 20, 10, 30, 3",
                    "1, 5, 4, 30, 20, 55, 18, 5, 30, 3",
                    "1, 40, 5, 5, 30, 75, 25, 5, 40, 3"), rows.stream().filter(r -> r.startsWith("1,")).toList());
            assertEquals(List.of("2, 7, 1, null, -1, 7, 7, 7, 7, 1"), rows.stream().filter(r -> r.startsWith("2,")).toList());
        }
    }

    @Test void rangeFrameSeesPeersAndRanksCountTies() {
        try (EngineHarness h = new EngineHarness(2, BIDS + """
                CREATE STREAM o AS SELECT bidder, price,
                    COUNT(*) OVER (PARTITION BY auction ORDER BY ts RANGE BETWEEN INTERVAL '2' SECOND PRECEDING AND CURRENT ROW) AS n2s,
                    SUM(price) OVER (PARTITION BY auction ORDER BY ts RANGE BETWEEN INTERVAL '2' SECOND PRECEDING AND CURRENT ROW) AS s2s,
                    MAX(price) OVER (PARTITION BY auction ORDER BY ts) AS running_max,
                    RANK() OVER (PARTITION BY auction ORDER BY ts) AS r,
                    DENSE_RANK() OVER (PARTITION BY auction ORDER BY ts) AS dr,
                    FIRST_VALUE(bidder) OVER (PARTITION BY auction ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS fb
                  FROM bids;
                """).collect("o")) {
            h.write("bids", true, bid(1, 1, 10, "01"), bid(1, 2, 30, "02"), bid(1, 3, 20, "02"), bid(1, 4, 5, "04"),
                    bid(1, 5, 1, "07"));
            assertEquals(List.of(
                    "1, 10, 1, 10, 10, 1, 1, 1",
                    "2, 30, 3, 60, 30, 2, 2, 1",   // peers at 02 both see each other (RANGE) and share a rank
                    "3, 20, 3, 60, 30, 2, 2, 2",
                    "4, 5, 3, 55, 30, 4, 3, 3",    // [02, 04]: 30, 20, 5 — 01 has left the range
                    "5, 1, 1, 1, 30, 5, 4, 4"), h.rows("o"));
        }
    }

    @Test void leadWaitsForLaterRowsAndTakesTheDefaultAtTheEnd() {
        try (EngineHarness h = new EngineHarness(1, BIDS + """
                CREATE STREAM o AS SELECT auction, price, LEAD(price) OVER w AS next_price,
                    LEAD(price, 2, price) OVER w AS after_next
                  FROM bids WINDOW w AS (PARTITION BY auction ORDER BY ts);
                """).collect("o")) {
            h.write("bids", false, bid(1, 1, 10, "01"), bid(1, 1, 20, "02"), bid(1, 1, 30, "03"), bid(1, 1, 40, "09"));
            assertEquals(List.of("1, 10, 20, 30"), h.rows("o"), "only the first row has its second LEAD row yet");
            h.write("bids", true);
            assertEquals(List.of("1, 10, 20, 30", "1, 20, 30, 40", "1, 30, 40, 30", "1, 40, null, 40"), h.rows("o"));
        }
    }

    @Test void withoutPartitionByEveryRowIsInOneOrderOverAWindowedStream() {
        try (EngineHarness h = new EngineHarness(2, BIDS + """
                CREATE STREAM per_window AS SELECT window_end, COUNT(*) AS n
                  FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end;
                CREATE STREAM trend AS SELECT window_end, n, n - LAG(n, 1, 0) OVER (ORDER BY window_end) AS delta,
                    SUM(n) OVER (ORDER BY window_end) AS total
                  FROM per_window;
                """).collect("trend")) {
            h.write("bids", true, bid(1, 1, 10, "01"), bid(2, 1, 10, "02"), bid(3, 1, 10, "06"), bid(1, 1, 10, "11"),
                    bid(2, 1, 10, "12"), bid(3, 1, 10, "13"));
            assertEquals(List.of("2026-01-01 00:00:05, 2, 2, 2", "2026-01-01 00:00:10, 1, -1, 3",
                    "2026-01-01 00:00:15, 3, 2, 6"), h.rows("trend"));
        }
    }

    @Test void explainShowsTheOverWindowAndItsFrames() {
        try (EngineHarness h = new EngineHarness(1, BIDS)) {
            String plan = h.db.explain("CREATE STREAM o AS SELECT auction, SUM(price * 2) OVER (PARTITION BY auction "
                    + "ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS s FROM bids");
            assertTrue(plan.contains("OverWindow(") && plan.contains("ROWS BETWEEN 3 PRECEDING AND CURRENT ROW")
                    && plan.contains("partition=[auction], order=[ts]"), plan);
        }
    }

    @Test void unsupportedWindowsAreRefusedWithWhatToDoInstead() {
        try (EngineHarness h = new EngineHarness(1, BIDS + """
                CREATE STREAM maxes AS SELECT auction, MAX(price) AS p, MAX(ts) AS ts FROM bids GROUP BY auction;
                """)) {
            String[][] cases = {
                {"SELECT SUM(price) OVER (PARTITION BY auction ORDER BY price) AS s FROM bids", "must ORDER BY an event-time column"},
                {"SELECT SUM(price) OVER (PARTITION BY auction ORDER BY ts ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s FROM bids",
                    "must end at CURRENT ROW"},
                {"SELECT SUM(price) OVER (PARTITION BY auction ORDER BY ts) AS a, SUM(price) OVER (PARTITION BY bidder ORDER BY ts) AS b FROM bids",
                    "different PARTITION BY"},
                {"SELECT SUM(p) OVER (PARTITION BY auction ORDER BY ts) AS a FROM maxes", "an updating stream"},
                {"SELECT SUM(price) OVER (w ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS a FROM bids "
                    + "WINDOW w AS (PARTITION BY auction ORDER BY ts)", "declare the frame in the WINDOW clause"},
                {"SELECT LAG(price, 0) OVER (PARTITION BY auction ORDER BY ts) AS a FROM bids", "offset must be a constant between 1"},
            };
            for (String[] c : cases) {
                LaminarException e = assertThrows(LaminarException.class, () -> h.db.execute("CREATE STREAM x AS " + c[0]));
                assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
            }
        }
    }
}
