package io.laminar;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Top-N and deduplication with ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...) and a bound. */
class RankingTest {
    static final String BIDS = StreamingSemanticsTest.BIDS;

    static Object[] bid(long auction, long bidder, long price, String time) {
        return StreamingSemanticsTest.bid(auction, bidder, price, time);
    }

    @Test void topNWithoutRankEmitsRowsEnteringAndLeaving() {
        try (EngineHarness h = new EngineHarness(2, BIDS + """
                CREATE STREAM top2 AS SELECT auction, price FROM (
                  SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rn FROM bids)
                WHERE rn <= 2;
                """).collect("top2")) {
            h.write("bids", true, bid(1, 1, 10, "01"), bid(1, 2, 30, "02"), bid(1, 3, 20, "03"), bid(1, 4, 5, "04"),
                    bid(1, 5, 40, "05"), bid(2, 1, 7, "06"));
            List<String> rows = h.rows("top2"); // auctions live on different cores: order is per auction
            assertEquals(List.of("+I 1, 10", "+I 1, 30", "-D 1, 10", "+I 1, 20", "-D 1, 20", "+I 1, 40"),
                    rows.stream().filter(r -> r.startsWith("+I 1,") || r.startsWith("-D 1,")).toList());
            assertEquals(List.of("+I 2, 7"), rows.stream().filter(r -> r.contains(" 2, ")).toList());
        }
    }

    @Test void topNWithRankUpdatesShiftedRows() {
        try (EngineHarness h = new EngineHarness(1, BIDS + """
                CREATE STREAM top2 AS SELECT auction, price, rn FROM (
                  SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rn FROM bids)
                WHERE rn <= 2;
                """).collect("top2")) {
            h.write("bids", true, bid(1, 1, 10, "01"), bid(1, 2, 30, "02"), bid(1, 3, 20, "03"), bid(1, 4, 5, "04"),
                    bid(1, 5, 40, "05"));
            assertEquals(List.of(
                    "+I 1, 10, 1",
                    "-U 1, 10, 1", "+U 1, 10, 2", "+I 1, 30, 1",
                    "-D 1, 10, 2", "+I 1, 20, 2",
                    "-D 1, 20, 2", "-U 1, 30, 1", "+U 1, 30, 2", "+I 1, 40, 1"), h.rows("top2"));
        }
    }

    @Test void deduplicationKeepsTheFirstRowPerKey() {
        try (EngineHarness h = new EngineHarness(2, BIDS + """
                CREATE STREAM first_bid AS SELECT bidder, auction, price FROM (
                  SELECT *, ROW_NUMBER() OVER (PARTITION BY bidder ORDER BY ts) AS rn FROM bids)
                WHERE rn = 1;
                CREATE MATERIALIZED VIEW last_bid AS SELECT bidder, auction, price FROM (
                  SELECT *, ROW_NUMBER() OVER (PARTITION BY bidder ORDER BY ts DESC) AS rn FROM bids)
                WHERE rn = 1;
                """).collect("first_bid")) {
            // bidder 9 bids twice at the same time: the first of them is its first bid, the second its last (as in Flink)
            h.write("bids", true, bid(1, 7, 10, "01"), bid(2, 8, 30, "02"), bid(3, 7, 20, "03"), bid(4, 8, 5, "04"),
                    bid(5, 9, 1, "05"), bid(6, 9, 2, "05"));
            assertEquals(EngineHarness.sortedOf("+I 7, 1, 10", "+I 8, 2, 30", "+I 9, 5, 1"), h.sorted("first_bid"));
            QueryResult last = h.db.query("SELECT bidder, auction, price FROM last_bid ORDER BY bidder");
            assertEquals("[[7, 3, 20], [8, 4, 5], [9, 6, 2]]",
                    last.rows().stream().map(java.util.Arrays::toString).toList().toString());
        }
    }

    @Test void unboundedOrUnsupportedRankingIsRefusedWithAClearError() {
        try (EngineHarness h = new EngineHarness(1, BIDS)) {
            LaminarException e = assertThrows(LaminarException.class, () -> h.db.execute("""
                    CREATE STREAM s AS SELECT auction, rn FROM (
                      SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price) AS rn FROM bids)"""));
            // without a bound this is an OVER window, which orders by event time: the message points to top-N
            assertTrue(e.getMessage().contains("WHERE rn <= N"), e.getMessage());
            e = assertThrows(LaminarException.class, () -> h.db.execute("""
                    CREATE STREAM s AS SELECT auction, r FROM (
                      SELECT *, RANK() OVER (PARTITION BY auction ORDER BY price) AS r FROM bids) WHERE r <= 3"""));
            assertTrue(e.getMessage().contains("must ORDER BY an event-time column"), e.getMessage());
        }
    }
}
