package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Joins and UNION ALL through SQL: which physical join is planned, what it emits, and when state goes. */
class JoinTest {
    static final String TABLES = """
            CREATE SOURCE orders (id BIGINT, customer BIGINT, amount BIGINT, ts TIMESTAMP(3),
                WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
            CREATE SOURCE shipments (order_id BIGINT, carrier VARCHAR, ts TIMESTAMP(3),
                WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
            """;

    static Object[] order(long id, long customer, long amount, String sec) {
        return new Object[] {id, customer, amount, "2026-01-01 00:00:" + sec};
    }

    static Object[] shipment(long orderId, String carrier, String sec) {
        return new Object[] {orderId, carrier, "2026-01-01 00:00:" + sec};
    }

    static final String INTERVAL_JOIN = """
            SELECT o.id, o.amount, s.carrier FROM orders o %s JOIN shipments s
              ON o.id = s.order_id AND s.ts BETWEEN o.ts AND o.ts + INTERVAL '10' SECOND""";

    @Test void intervalJoinMatchesWithinTheBoundAndEvictsBehindTheWatermark() {
        for (int cores : new int[] {1, 2}) {
            try (EngineHarness h = new EngineHarness(cores, TABLES + "CREATE STREAM j AS " + INTERVAL_JOIN.formatted("INNER"))
                    .collect("j")) {
                h.write("orders", false, order(1, 7, 100, "01"), order(2, 7, 200, "02"), order(3, 8, 300, "03"));
                // the bound is inclusive: order 1 (00:01) matches shipments until 00:11, not the one at 00:12
                h.write("shipments", false, shipment(1, "ups", "05"), shipment(1, "ups-edge", "11"),
                        shipment(3, "fedex", "13"), shipment(1, "ups-again", "12"), shipment(2, "dhl", "30"));
                assertEquals(EngineHarness.sortedOf("1, 100, ups", "1, 100, ups-edge", "3, 300, fedex"), h.sorted("j"),
                        cores + " cores");
                // both watermarks are far past every bound: nothing is held any more
                h.write("orders", true);
                h.write("shipments", true);
                h.db.awaitIdle();
                assertEquals(0, h.db.database().pipelineOf("j").stateSize());
            }
        }
    }

    @Test void leftIntervalJoinEmitsTheUnmatchedRowWhenItsBoundCloses() {
        try (EngineHarness h = new EngineHarness(2, TABLES + "CREATE STREAM j AS " + INTERVAL_JOIN.formatted("LEFT"))
                .collect("j")) {
            h.write("orders", false, order(1, 7, 100, "01"), order(2, 7, 200, "02"));
            h.write("shipments", false, shipment(1, "ups", "05"));
            assertEquals(List.of("1, 100, ups"), h.rows("j")); // order 2 may still get its shipment until 00:12
            h.write("orders", false, order(9, 1, 1, "20"));
            h.write("shipments", false, shipment(9, "x", "20")); // both watermarks now 00:19: order 2's bound closed
            assertEquals(EngineHarness.sortedOf("1, 100, ups", "2, 200, null", "9, 1, x"), h.sorted("j"));
        }
    }

    @Test void explainShowsTheJoinKindAndItsStateRetention() {
        try (EngineHarness h = new EngineHarness(1, TABLES)) {
            String plan = h.db.explain(INTERVAL_JOIN.formatted("INNER"));
            assertTrue(plan.contains("IntervalJoin(INNER, keys id = order_id, right.ts - left.ts in [0 ms, 10000 ms]"), plan);
            assertTrue(plan.contains("state: a left row until the watermark passes its time + 10000 ms"), plan);
            assertTrue(plan.contains("Scan(orders)") && plan.contains("Scan(shipments)"), plan);
        }
    }

    @Test void aJoinWithoutTimeBoundIsRefusedUnlessUnboundedStateIsAccepted() {
        String regular = "SELECT o.id, s.carrier FROM orders o JOIN shipments s ON o.id = s.order_id";
        try (EngineHarness h = new EngineHarness(1, TABLES)) {
            LaminarException e = assertThrows(LaminarException.class, () -> h.db.execute("CREATE STREAM j AS " + regular));
            assertTrue(e.getMessage().contains("no time bound") && e.getMessage().contains("SET 'state.unbounded' = 'allow'"),
                    e.getMessage());
            h.db.execute("SET 'state.unbounded' = 'allow'");
            h.db.execute("CREATE STREAM j AS " + regular);
            assertTrue(h.db.explain(regular).contains("RegularJoin(INNER, keys id = order_id; state: every row of both "
                    + "inputs, unbounded)"), h.db.explain(regular));
        }
    }

    @Test void aOneSidedTimeBoundIsAConditionOfARegularJoin() {
        try (EngineHarness h = new EngineHarness(2, TABLES + """
                SET 'state.unbounded' = 'allow';
                CREATE STREAM j AS SELECT o.id, s.carrier FROM orders o JOIN shipments s
                  ON o.id = s.order_id AND s.ts >= o.ts;
                """).collect("j")) {
            assertTrue(h.db.explain("SELECT * FROM j").contains("Scan(j)"));
            h.write("orders", true, order(1, 7, 100, "05"), order(2, 7, 100, "05"));
            h.write("shipments", true, shipment(1, "before", "04"), shipment(1, "after", "06"), shipment(2, "same", "05"));
            assertEquals(EngineHarness.sortedOf("1, after", "2, same"), h.sorted("j"));
        }
    }

    @Test void regularOuterJoinRetractsThePaddedRowWhenAPartnerArrives() {
        try (EngineHarness h = new EngineHarness(2, TABLES + """
                SET 'state.unbounded' = 'allow';
                CREATE STREAM j AS SELECT o.id, s.carrier FROM orders o LEFT JOIN shipments s ON o.id = s.order_id;
                """).collect("j")) {
            h.write("orders", false, order(1, 7, 100, "01"));
            assertEquals(List.of("+I 1, null"), h.rows("j"));
            h.write("shipments", false, shipment(1, "ups", "50"));
            assertEquals(List.of("+I 1, null", "-D 1, null", "+I 1, ups"), h.rows("j"));
        }
    }

    @Test void aggregateOverAJoinRunsAsTwoPipelines() {
        try (EngineHarness h = new EngineHarness(2, TABLES + """
                CREATE STREAM per_carrier AS SELECT s.carrier, COUNT(*) AS n, SUM(o.amount) AS total
                FROM orders o JOIN shipments s ON o.id = s.order_id AND s.ts BETWEEN o.ts AND o.ts + INTERVAL '10' SECOND
                GROUP BY s.carrier;
                """).collect("per_carrier")) {
            String plan = h.db.explain("SELECT s.carrier, COUNT(*) AS n FROM orders o JOIN shipments s ON o.id = s.order_id "
                    + "AND s.ts BETWEEN o.ts AND o.ts + INTERVAL '10' SECOND GROUP BY s.carrier");
            assertTrue(plan.contains("-- pipeline query$1") && plan.contains("IntervalJoin"), plan);
            h.write("orders", true, order(1, 7, 100, "01"), order(2, 7, 200, "02"), order(3, 8, 300, "03"));
            h.write("shipments", true, shipment(1, "ups", "02"), shipment(2, "ups", "03"), shipment(3, "dhl", "04"));
            List<String> rows = h.rows("per_carrier");
            assertTrue(rows.contains("+I dhl, 1, 300"), rows.toString());
            assertEquals("ups, 2, 300", rows.stream().filter(r -> r.contains("ups")).reduce((a, b) -> b).orElseThrow().substring(3));
            h.db.execute("DROP STREAM per_carrier");
            assertTrue(h.db.execute("SHOW QUERIES").rows().isEmpty(), "the join pipeline went with the stream");
        }
    }

    @Test void unionAllMergesStreamsAndTheirWatermarks() {
        try (EngineHarness h = new EngineHarness(2, TABLES + """
                CREATE STREAM events AS
                  SELECT id AS order_ref, ts FROM orders
                  UNION ALL
                  SELECT order_id AS order_ref, ts FROM shipments;
                CREATE STREAM per_window AS SELECT window_start, COUNT(*) AS n
                  FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))
                  GROUP BY window_start, window_end;
                """).collect("events", "per_window")) {
            h.write("orders", false, order(1, 7, 100, "01"), order(2, 7, 200, "12"));
            h.write("shipments", false, shipment(1, "ups", "05"));
            // the union's watermark is the slower input's: shipments is at 00:04, so no window closed yet
            assertEquals(List.of(), h.rows("per_window"));
            assertEquals(EngineHarness.sortedOf("1, 2026-01-01 00:00:01", "2, 2026-01-01 00:00:12",
                    "1, 2026-01-01 00:00:05"), h.sorted("events"));
            h.write("shipments", true, shipment(2, "dhl", "15"));
            h.write("orders", true);
            assertEquals(EngineHarness.sortedOf("2026-01-01 00:00, 2", "2026-01-01 00:00:10, 2"),
                    h.sorted("per_window"));
        }
    }

    static final String TRADES_AND_QUOTES = """
            CREATE SOURCE trades (sym VARCHAR, qty BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
            CREATE SOURCE quotes (sym VARCHAR, bid BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
            """;

    static Object[] tick(String sym, long value, String sec) {
        return new Object[] {sym, value, "2026-01-01 00:00:" + sec};
    }

    @Test void asofJoinPairsEachTradeWithTheLatestQuoteAtItsTime() {
        try (EngineHarness h = new EngineHarness(2, TRADES_AND_QUOTES + """
                CREATE STREAM priced AS SELECT t.sym, t.qty, q.bid
                  FROM trades t LEFT ASOF JOIN quotes q MATCH_CONDITION(t.ts >= q.ts) ON t.sym = q.sym;
                CREATE STREAM next_quote AS SELECT t.sym, t.qty, q.bid
                  FROM trades t ASOF JOIN quotes q MATCH_CONDITION(t.ts <= q.ts) ON t.sym = q.sym;
                CREATE STREAM near AS SELECT /*+ ASOF_MATCH(mode = 'nearest', tolerance = '3s') */ t.sym, t.qty, q.bid
                  FROM trades t LEFT ASOF JOIN quotes q MATCH_CONDITION(t.ts >= q.ts) ON t.sym = q.sym;
                """).collect("priced", "next_quote", "near")) {
            // the quote at 00:05 arrives after the trade at 00:06 but within the watermark delay: still its partner
            h.write("quotes", false, tick("ACME", 10, "01"), tick("INIT", 7, "02"), tick("ACME", 11, "04"));
            h.write("trades", false, tick("INIT", 200, "03"), tick("NONE", 300, "03"), tick("ACME", 100, "06"));
            h.write("quotes", false, tick("ACME", 12, "05"), tick("INIT", 8, "09"));
            // watermarks: trades 00:05, quotes 00:08 — the trades at 00:03 are decided, the one at 00:06 not yet
            assertEquals(EngineHarness.sortedOf("INIT, 200, 7", "NONE, 300, null"), h.sorted("priced"));
            h.write("trades", true, tick("ACME", 400, "20"));
            h.write("quotes", true, tick("ACME", 13, "21"));
            assertEquals(EngineHarness.sortedOf("ACME, 100, 12", "INIT, 200, 7", "NONE, 300, null", "ACME, 400, 12"),
                    h.sorted("priced"));
            assertEquals(EngineHarness.sortedOf("ACME, 100, 13", "INIT, 200, 8", "ACME, 400, 13"), h.sorted("next_quote"));
            // nearest within 3 s: INIT at 00:03 has 00:02 (1 s) and 00:09 (6 s); ACME at 00:20 has 00:21 (1 s)
            assertEquals(EngineHarness.sortedOf("ACME, 100, 12", "INIT, 200, 7", "NONE, 300, null", "ACME, 400, 13"),
                    h.sorted("near"));
            assertTrue(h.db.explain("SELECT t.sym, q.bid FROM trades t ASOF JOIN quotes q MATCH_CONDITION(t.ts >= q.ts) "
                    + "ON t.sym = q.sym").contains("AsofJoin(INNER, keys sym = sym, right.ts <= left.ts"));
        }
    }

    @Test void asofJoinMustMatchOnEventTime() {
        try (EngineHarness h = new EngineHarness(1, TRADES_AND_QUOTES)) {
            LaminarException e = assertThrows(LaminarException.class, () -> h.db.explain(
                    "SELECT t.sym FROM trades t ASOF JOIN quotes q MATCH_CONDITION(t.qty >= q.bid) ON t.sym = q.sym"));
            assertTrue(e.getMessage().contains("must match on the event-time columns"), e.getMessage());
            e = assertThrows(LaminarException.class, () -> h.db.explain("SELECT /*+ ASOF_MATCH(mode = 'closest') */ t.sym "
                    + "FROM trades t ASOF JOIN quotes q MATCH_CONDITION(t.ts >= q.ts) ON t.sym = q.sym"));
            assertTrue(e.getMessage().contains("use 'nearest'"), e.getMessage());
        }
    }

    @Test void windowJoinPairsRowsOfTheSameWindow() {
        try (EngineHarness h = new EngineHarness(2, TABLES + """
                CREATE STREAM j AS SELECT o.customer, o.n, s.m, o.window_end FROM
                  (SELECT customer, window_start, window_end, COUNT(*) AS n
                     FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
                     GROUP BY customer, window_start, window_end) o
                  JOIN
                  (SELECT order_id, window_start, window_end, COUNT(*) AS m
                     FROM TABLE(TUMBLE(TABLE shipments, DESCRIPTOR(ts), INTERVAL '10' SECOND))
                     GROUP BY order_id, window_start, window_end) s
                  ON o.customer = s.order_id AND o.window_start = s.window_start AND o.window_end = s.window_end;
                """).collect("j")) {
            assertTrue(h.db.explain("SELECT * FROM j").contains("Scan(j)"));
            h.write("orders", true, order(1, 7, 100, "01"), order(2, 7, 200, "02"), order(3, 8, 300, "13"));
            h.write("shipments", true, shipment(7, "ups", "05"), shipment(8, "dhl", "06"), shipment(8, "dhl", "15"));
            assertEquals(EngineHarness.sortedOf("7, 2, 1, 2026-01-01 00:00:10", "8, 1, 1, 2026-01-01 00:00:20"),
                    h.sorted("j"));
            assertEquals(0, h.db.database().pipelineOf("j").stateSize(), "the window join kept nothing after the end");
        }
    }

    @Test void aStreamLooksUpTheCurrentRowOfAReferenceTable() {
        try (EngineHarness h = new EngineHarness(2, TABLES + """
                CREATE TABLE customers (id BIGINT, name VARCHAR, tier BIGINT, PRIMARY KEY (id));
                INSERT INTO customers VALUES (7, 'ada', 1), (8, 'bob', 2);
                CREATE STREAM named AS SELECT o.id, c.name FROM orders o JOIN customers c ON o.customer = c.id;
                CREATE STREAM all_orders AS SELECT o.id, c.name, c.tier FROM orders o LEFT JOIN customers c ON o.customer = c.id
                  WHERE o.amount > 0;
                """).collect("named", "all_orders")) {
            assertTrue(h.db.explain("SELECT o.id, c.name FROM orders o JOIN customers c ON o.customer = c.id")
                    .contains("LookupJoin(INNER, table customers by primary key"));
            h.write("orders", false, order(1, 7, 100, "01"), order(2, 9, 100, "02"));
            h.db.awaitIdle(); // lookups see the table when the row is processed: let these two go first
            h.db.execute("INSERT INTO customers VALUES (9, 'cy', 3), (7, 'ada lovelace', 1)");
            h.write("orders", false, order(3, 9, 100, "03"), order(4, 7, 100, "04"));
            assertEquals(List.of("1, ada", "3, cy", "4, ada lovelace"), h.rows("named"));
            // Flink's spelling of a lookup join plans the same stage
            assertTrue(h.db.explain("SELECT o.id, c.name FROM orders o JOIN customers FOR SYSTEM_TIME AS OF o.ts AS c "
                    + "ON o.customer = c.id").contains("LookupJoin(INNER, table customers by primary key"));
            assertEquals(List.of("1, ada, 1", "2, null, null", "3, cy, 3", "4, ada lovelace, 1"), h.rows("all_orders"));
            LaminarException dropped = assertThrows(LaminarException.class, () -> h.db.execute("DROP TABLE customers"));
            assertTrue(dropped.getMessage().contains("cannot drop customers: stream named, stream all_orders read it"), dropped.getMessage());
            LaminarException e = assertThrows(LaminarException.class, () -> h.db.explain(
                    "SELECT o.id FROM orders o JOIN customers c ON o.amount = c.tier"));
            assertTrue(e.getMessage().contains("whole PRIMARY KEY (id)"), e.getMessage());
        }
    }

    @Test void temporalJoinUsesTheVersionValidAtEachRowsTime() {
        try (EngineHarness h = new EngineHarness(2, """
                CREATE SOURCE payments (cur VARCHAR, amount BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
                CREATE SOURCE rates (cur VARCHAR, rate BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
                CREATE STREAM converted AS SELECT p.cur, p.amount * r.rate AS converted_amount
                  FROM payments p JOIN rates FOR SYSTEM_TIME AS OF p.ts AS r ON p.cur = r.cur;
                CREATE STREAM all_payments AS SELECT p.cur, p.amount, r.rate
                  FROM payments p LEFT JOIN rates FOR SYSTEM_TIME AS OF p.ts AS r ON p.cur = r.cur;
                """).collect("converted", "all_payments")) {
            assertTrue(h.db.explain("SELECT * FROM converted").contains("Scan(converted)"));
            h.write("rates", false, tick("EUR", 2, "01"), tick("USD", 1, "02"), tick("EUR", 3, "05"));
            h.write("payments", false, tick("EUR", 10, "03"), tick("YEN", 5, "04"), tick("EUR", 10, "05"), tick("USD", 7, "06"));
            h.write("rates", true, tick("USD", 4, "07"));
            h.write("payments", true);
            assertEquals(EngineHarness.sortedOf("EUR, 20", "EUR, 30", "USD, 7"), h.sorted("converted"));
            assertEquals(EngineHarness.sortedOf("EUR, 10, 2", "YEN, 5, null", "EUR, 10, 3", "USD, 7, 1"),
                    h.sorted("all_payments"));
            assertTrue(h.db.explain("SELECT p.cur, r.rate FROM payments p JOIN rates FOR SYSTEM_TIME AS OF p.ts AS r "
                    + "ON p.cur = r.cur").contains("AsofJoin(INNER, temporal, keys cur = cur"));
            LaminarException e = assertThrows(LaminarException.class, () -> h.db.explain("SELECT p.cur FROM payments p "
                    + "JOIN rates FOR SYSTEM_TIME AS OF TIMESTAMP '2026-01-01 00:00:00' AS r ON p.cur = r.cur"));
            assertTrue(e.getMessage().contains("must name the event-time (WATERMARK) column of the stream"), e.getMessage());
        }
    }

    @Test void inAndNotExistsSubqueriesRunIncrementally() {
        try (EngineHarness h = new EngineHarness(2, TABLES + """
                SET 'state.unbounded' = 'allow';
                CREATE STREAM shipped AS SELECT id, amount FROM orders WHERE id IN (SELECT order_id FROM shipments);
                CREATE STREAM unshipped AS SELECT id FROM orders o
                  WHERE NOT EXISTS (SELECT * FROM shipments s WHERE s.order_id = o.id);
                """).collect("shipped", "unshipped")) {
            h.write("orders", false, order(1, 7, 100, "01"), order(2, 7, 200, "02"));
            h.write("shipments", false, shipment(1, "ups", "03"), shipment(1, "ups-again", "04"));
            // IN: one row per order however many shipments it has; NOT EXISTS: order 1 retracted once shipped
            assertEquals(List.of("+I 1, 100"), h.rows("shipped"));
            List<String> unshipped = h.rows("unshipped");
            assertEquals(EngineHarness.sortedOf("+I 2"), materialize(unshipped), unshipped.toString());
            h.write("shipments", false, shipment(2, "dhl", "05"));
            assertEquals(List.of(), materialize(h.rows("unshipped")));
        }
    }

    /** Applies a changelog (+I/+U add, -U/-D remove) and returns the rows left, sorted. */
    static List<String> materialize(List<String> changelog) {
        List<String> rows = new java.util.ArrayList<>();
        for (String c : changelog) {
            String row = c.substring(3);
            if (c.startsWith("+")) rows.add("+I " + row);
            else assertTrue(rows.remove("+I " + row), "retraction of a row not present: " + c + " in " + changelog);
        }
        java.util.Collections.sort(rows);
        return rows;
    }

    @Test void innerIntervalJoinsStackAndWindowBecauseTheirRowsKeepEventTime() {
        try (EngineHarness h = new EngineHarness(2, TABLES + """
                CREATE SOURCE deliveries (order_id BIGINT, ok BOOLEAN, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
                CREATE STREAM delivered AS SELECT o.id, s.carrier, d.ok FROM orders o
                  JOIN shipments s ON o.id = s.order_id AND s.ts BETWEEN o.ts AND o.ts + INTERVAL '10' SECOND
                  JOIN deliveries d ON d.order_id = o.id AND d.ts BETWEEN o.ts AND o.ts + INTERVAL '20' SECOND;
                CREATE STREAM shipped AS SELECT o.id, o.ts FROM orders o JOIN shipments s
                  ON o.id = s.order_id AND s.ts BETWEEN o.ts AND o.ts + INTERVAL '10' SECOND;
                CREATE STREAM shipped_per_window AS SELECT window_start, COUNT(*) AS n
                  FROM TABLE(TUMBLE(TABLE shipped, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end;
                """).collect("delivered", "shipped_per_window")) {
            String plan = h.db.explain("SELECT * FROM delivered");
            assertTrue(plan.contains("Scan(delivered)"), plan);
            h.write("orders", true, order(1, 7, 100, "01"), order(2, 7, 200, "02"), order(3, 8, 300, "13"));
            // the shipment of order 2 at 00:11.5 arrives when the shipments' watermark is already 00:11
            for (Object[] shipment : new Object[][] {shipment(1, "ups", "05"), shipment(9, "none", "12"),
                    shipment(2, "dhl", "11.500"), shipment(3, "ups", "14")}) {
                h.write("shipments", false, shipment); // one at a time: each watermark passes before the next row
                h.db.awaitIdle();
            }
            h.write("shipments", true);
            h.write("deliveries", true, new Object[] {1L, true, "2026-01-01 00:00:09"},
                    new Object[] {2L, false, "2026-01-01 00:00:10"}, new Object[] {3L, true, "2026-01-01 00:00:40"});
            assertEquals(EngineHarness.sortedOf("1, ups, true", "2, dhl, false"), h.sorted("delivered"));
            // order 2 (00:02) matched at a watermark past 00:10: the join holds its watermark back by its bound, so
            // the window [00:00, 00:10) had not closed and still counts it
            assertEquals(EngineHarness.sortedOf("2026-01-01 00:00, 2", "2026-01-01 00:00:10, 1"),
                    h.sorted("shipped_per_window"));
        }
    }

    @Test void commonTableExpressionsAndSubqueriesInFromPlanLikeTheirExpansion() {
        try (EngineHarness h = new EngineHarness(1, TABLES + """
                CREATE STREAM big_shipped AS
                  WITH big AS (SELECT id, ts FROM orders WHERE amount > 100)
                  SELECT b.id, s.carrier FROM big b JOIN (SELECT order_id, carrier, ts FROM shipments) s
                    ON b.id = s.order_id AND s.ts BETWEEN b.ts AND b.ts + INTERVAL '10' SECOND;
                """).collect("big_shipped")) {
            h.write("orders", true, order(1, 7, 100, "01"), order(2, 7, 200, "02"));
            h.write("shipments", true, shipment(1, "ups", "03"), shipment(2, "dhl", "04"));
            assertEquals(List.of("2, dhl"), h.rows("big_shipped"));
        }
    }

    @Test void eachLeftRowMayBoundItsPartnersTimeWithAColumn() {
        try (EngineHarness h = new EngineHarness(2, """
                CREATE SOURCE auctions (id BIGINT, ts TIMESTAMP(3), expires TIMESTAMP(3),
                    WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
                CREATE SOURCE bids (auction BIGINT, price BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
                CREATE STREAM winning AS SELECT a.id, MAX(b.price) AS top FROM auctions a JOIN bids b
                  ON a.id = b.auction AND b.ts BETWEEN a.ts AND a.expires GROUP BY a.id;
                """).collect("winning")) {
            String plan = h.db.explain("SELECT a.id FROM auctions a JOIN bids b ON a.id = b.auction "
                    + "AND b.ts BETWEEN a.ts AND a.expires");
            assertTrue(plan.contains("IntervalJoin(INNER, keys id = auction, right.ts - left.ts >= 0 ms, right.ts <= "
                    + "left.expires; state: a left row until the watermark passes its left.expires"), plan);
            h.write("auctions", true, new Object[] {1L, "2026-01-01 00:00:01", "2026-01-01 00:00:05"},
                    new Object[] {2L, "2026-01-01 00:00:02", "2026-01-01 00:00:30"});
            h.write("bids", true, bid(1, 10, "00"), bid(1, 20, "03"), bid(2, 5, "04"), bid(1, 99, "06"), bid(2, 7, "20"));
            assertEquals(List.of("+I 1, 20"), materialize(h.rows("winning")).stream().filter(r -> r.startsWith("+I 1,")).toList());
            assertEquals(List.of("+I 2, 7"), materialize(h.rows("winning")).stream().filter(r -> r.startsWith("+I 2,")).toList());
            // state across both pipelines: the two GROUP BY keys; the join let every auction and bid go
            assertEquals(2L, ((Number) h.db.database().metrics().get("winning").get("state_keys")).longValue());
        }
    }

    static Object[] bid(long auction, long price, String sec) {
        return new Object[] {auction, price, "2026-01-01 00:00:" + sec};
    }
}
