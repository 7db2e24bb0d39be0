package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GROUP BY over an updating stream (a changelog of +I/-U/+U/-D): every aggregate takes retracted rows back out, a
 * group left empty is deleted, and the result equals aggregating the materialised input — Nexmark q4's shape.
 */
class UpdatingAggregateTest {
    static final String BIDS = StreamingSemanticsTest.BIDS;

    static Object[] bid(long auction, long bidder, long price, String time) {
        return StreamingSemanticsTest.bid(auction, bidder, price, time);
    }

    @Test void averageOfMaximaFollowsEveryRetraction() {
        try (EngineHarness h = new EngineHarness(1, BIDS + """
                CREATE STREAM max_price AS SELECT auction, MAX(price) AS final_price FROM bids GROUP BY auction;
                CREATE STREAM by_cat AS SELECT MOD(auction, 2) AS cat, COUNT(*) AS n, AVG(final_price) AS avg_price,
                    MIN(final_price) AS lo, MAX(final_price) AS hi
                  FROM max_price GROUP BY MOD(auction, 2);
                """).collect("by_cat")) {
            h.write("bids", true, bid(1, 1, 10, "01"), bid(2, 1, 20, "02"), bid(1, 2, 30, "03"), bid(3, 1, 5, "04"),
                    bid(3, 2, 40, "05"));
            assertEquals(List.of(
                    "+I 1, 1, 10, 10, 10",
                    "+I 0, 1, 20, 20, 20",
                    "-D 1, 1, 10, 10, 10",   // auction 1's old maximum leaves: category 1 is empty for a moment
                    "+I 1, 1, 30, 30, 30",
                    "-U 1, 1, 30, 30, 30", "+U 1, 2, 17, 5, 30",
                    "-U 1, 2, 17, 5, 30", "+U 1, 1, 30, 30, 30",   // auction 3: 5 retracted ...
                    "-U 1, 1, 30, 30, 30", "+U 1, 2, 35, 30, 40"), // ... and 40 added
                    h.rows("by_cat"));
        }
    }

    @Test void minMaxCountDistinctAndFirstLastValueRetract() {
        // one core: FIRST_VALUE/LAST_VALUE follow arrival order, which across cores is not defined
        try (EngineHarness h = new EngineHarness(1, """
                CREATE SOURCE price_events (item BIGINT, shop VARCHAR, price DOUBLE);
                CREATE STREAM prices AS SELECT item, LAST_VALUE(shop) AS shop, LAST_VALUE(price) AS price
                  FROM price_events GROUP BY item;
                CREATE MATERIALIZED VIEW by_shop AS SELECT shop, COUNT(*) AS items, MIN(price) AS lo, MAX(price) AS hi,
                    COUNT(DISTINCT price) AS prices, SUM(price) AS total, FIRST_VALUE(item) AS first_item,
                    LAST_VALUE(item) AS last_item
                  FROM prices GROUP BY shop;
                """)) {
            h.write("price_events", false, new Object[] {1L, "a", 5.0}, new Object[] {2L, "a", 1.5},
                    new Object[] {3L, "a", 5.0}, new Object[] {4L, "b", 2.0});
            h.write("price_events", false, new Object[] {2L, "a", 9.0},   // item 2: 1.5 -> 9.0 (the minimum leaves)
                    new Object[] {4L, "a", 2.0},                    // item 4 moves shop: b empties and is deleted
                    new Object[] {1L, "a", 7.0});                   // item 1 (the first) changes: now last
            h.db.awaitIdle();
            QueryResult r = h.db.query("SELECT * FROM by_shop ORDER BY shop");
            assertEquals("[[a, 4, 2.0, 9.0, 4, 23.0, 3, 1]]",
                    r.rows().stream().map(java.util.Arrays::toString).toList().toString());
        }
    }

    @Test void firstAndLastValueAggregateAnAppendOnlyStream() {
        try (EngineHarness h = new EngineHarness(1, BIDS + """
                CREATE STREAM fl AS SELECT auction, FIRST_VALUE(bidder) AS first_bidder, LAST_VALUE(bidder) AS last_bidder,
                    LAST_VALUE(CASE WHEN price > 15 THEN price END) AS last_high
                  FROM bids GROUP BY auction;
                """).collect("fl")) {
            h.write("bids", true, bid(1, 7, 10, "01"), bid(1, 8, 20, "02"), bid(1, 9, 12, "03"));
            assertEquals(List.of("+I 1, 7, 7, null", "-U 1, 7, 7, null", "+U 1, 7, 8, 20", "-U 1, 7, 8, 20",
                    "+U 1, 7, 9, 20"), h.rows("fl"));
        }
        try (EngineHarness h = new EngineHarness(2, BIDS + """
                CREATE STREAM w AS SELECT auction, window_start, FIRST_VALUE(bidder) AS first_bidder,
                    LAST_VALUE(price) AS last_price
                  FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND))
                  GROUP BY auction, window_start, window_end;
                """).collect("w")) {
            h.write("bids", true, bid(1, 7, 10, "01"), bid(1, 8, 20, "02"), bid(2, 5, 1, "03"), bid(1, 9, 12, "11"));
            assertEquals(EngineHarness.sortedOf("1, 2026-01-01 00:00, 7, 20", "2, 2026-01-01 00:00, 5, 1",
                    "1, 2026-01-01 00:00:10, 9, 12"), h.sorted("w"), "in windows too");
        }
    }

    @Test void whatCannotAggregateAChangelogIsRefusedWithTheFix() {
        try (EngineHarness h = new EngineHarness(1, BIDS + """
                CREATE STREAM max_price AS SELECT auction, MAX(price) AS p, MAX(ts) AS ts FROM bids GROUP BY auction;
                """)) {
            LaminarException e = assertThrows(LaminarException.class, () -> h.db.execute("""
                    CREATE STREAM w AS SELECT window_start, COUNT(*) AS n
                      FROM TABLE(TUMBLE(TABLE max_price, DESCRIPTOR(ts), INTERVAL '10' SECOND))
                      GROUP BY window_start, window_end"""));
            assertTrue(e.getMessage().contains("GROUP BY without a window aggregates a changelog"), e.getMessage());
            io.laminar.function.FunctionRegistry.registerAggregate("updating_test_sum", io.laminar.data.ColumnType.BIGINT,
                    io.laminar.data.ColumnType.BIGINT, new clojure.lang.AFn() {
                        @Override public Object invoke() { return 0L; }
                    }, new clojure.lang.AFn() {
                        @Override public Object invoke(Object a, Object v) { return (Long) a + (Long) v; }
                    }, new clojure.lang.AFn() {
                        @Override public Object invoke(Object a, Object b) { return (Long) a + (Long) b; }
                    }, new clojure.lang.AFn() {
                        @Override public Object invoke(Object a) { return a; }
                    });
            e = assertThrows(LaminarException.class, () -> h.db.execute(
                    "CREATE STREAM u AS SELECT updating_test_sum(p) AS s FROM max_price"));
            assertTrue(e.getMessage().contains("cannot take a row back out"), e.getMessage());
        }
    }
}
