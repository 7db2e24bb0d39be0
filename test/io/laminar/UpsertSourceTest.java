package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Upsert sources (a SOURCE with a PRIMARY KEY): read by queries as a changelog per key, and as a versioned table by
 * temporal joins, where a tombstone (every value column NULL) ends its key's version.
 */
class UpsertSourceTest {
    static final String PRODUCTS = """
            CREATE SOURCE products (id BIGINT, category VARCHAR, price BIGINT, ts TIMESTAMP(3),
                WATERMARK FOR ts AS ts - INTERVAL '1' SECOND, PRIMARY KEY (id));
            """;

    static Object[] product(long id, String category, Long price, String sec) {
        return new Object[] {id, category, price, "2026-01-01 00:00:" + sec};
    }

    @Test void queriesReadAnUpsertSourceAsTheChangelogOfEachKey() {
        for (int cores : new int[] {1, 2}) {
            try (EngineHarness h = new EngineHarness(cores, PRODUCTS + """
                    CREATE STREAM live AS SELECT id, category, price FROM products;
                    CREATE STREAM per_category AS SELECT category, SUM(price) AS total, COUNT(*) AS n
                      FROM products GROUP BY category;
                    """).collect("live", "per_category")) {
                h.write("products", false, product(1, "toys", 10L, "01"), product(2, "toys", 5L, "01"));
                h.write("products", false, product(1, "toys", 12L, "02"),   // replaces product 1
                        product(2, "toys", 5L, "01"),                        // the same row again: nothing changes
                        product(3, "books", 7L, "03"));
                h.write("products", true, product(2, null, null, "04"),      // tombstone: product 2 is gone
                        product(9, null, null, "04"),                        // tombstone of an unknown key: ignored
                        product(3, "games", 7L, "05"));                      // moves category
                List<String> expected = List.of("+I 1, toys, 10", "+I 2, toys, 5", "-U 1, toys, 10", "+U 1, toys, 12",
                        "+I 3, books, 7", "-D 2, toys, 5", "-U 3, books, 7", "+U 3, games, 7");
                assertEquals(EngineHarness.sortedOf(expected.toArray(String[]::new)), h.sorted("live"), cores + " cores");
                // per key the changes arrive in order (one core owns each key)
                List<String> product1 = h.rows("live").stream().filter(r -> r.contains(" 1, ")).toList();
                assertEquals(List.of("+I 1, toys, 10", "-U 1, toys, 12".replace("12", "10"), "+U 1, toys, 12"), product1);
                assertEquals(List.of("games, 7, 1", "toys, 12, 1"), finalState(h.rows("per_category")), cores + " cores");
            }
        }
    }

    /** Applies a changelog (rendered "+I a, b") in order and returns the surviving rows, sorted. */
    static List<String> finalState(List<String> changelog) {
        List<String> rows = new java.util.ArrayList<>();
        for (String c : changelog) {
            String row = c.substring(3);
            if (c.startsWith("+")) rows.add(row);
            else assertTrue(rows.remove(row), "retraction of a row not present: " + c + " in " + changelog);
        }
        java.util.Collections.sort(rows);
        return rows;
    }

    @Test void explainShowsTheChangelogStepAndDescribeTheKey() {
        try (EngineHarness h = new EngineHarness(1, PRODUCTS)) {
            String plan = h.db.explain("SELECT category, COUNT(*) FROM products GROUP BY category");
            assertTrue(plan.contains("UpsertNormalize(products by PRIMARY KEY (id); state: the current row of every key"),
                    plan);
            assertTrue(plan.contains("Exchange(hash[id]"), plan);
            QueryResult d = h.db.execute("DESCRIBE products");
            assertTrue(d.rows().get(0)[3].toString().contains("PRIMARY KEY"), d.rows().get(0)[3].toString());
        }
    }

    static final String RATES = """
            CREATE SOURCE payments (cur VARCHAR, amount BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
            CREATE SOURCE rates (cur VARCHAR, rate BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '10' SECOND,
                PRIMARY KEY (cur));
            """;

    static Object[] tick(String cur, Long value, String sec) {
        return new Object[] {cur, value, "2026-01-01 00:00:" + sec};
    }

    @Test void temporalJoinSeesTheVersionValidAtEachRowsTimeAndDeletesEndAVersion() {
        for (int cores : new int[] {1, 2}) {
            try (EngineHarness h = new EngineHarness(cores, RATES + """
                    CREATE STREAM converted AS SELECT p.cur, p.amount, r.rate
                      FROM payments p LEFT JOIN rates FOR SYSTEM_TIME AS OF p.ts AS r ON p.cur = r.cur;
                    """).collect("converted")) {
                // versions arrive out of order (EUR 3 at 00:05 before EUR 2 at 00:01): event time orders them
                h.write("rates", false, tick("EUR", 3L, "05"), tick("EUR", 2L, "01"), tick("USD", 1L, "02"),
                        tick("USD", null, "06"),   // USD deleted from 00:06 on
                        tick("USD", 4L, "09"));    // and back from 00:09
                h.write("payments", false, tick("EUR", 10L, "03"), tick("EUR", 10L, "05"), tick("USD", 7L, "04"),
                        tick("USD", 7L, "07"), tick("USD", 7L, "10"));
                h.write("rates", true);
                h.write("payments", true);
                assertEquals(EngineHarness.sortedOf("EUR, 10, 2", "EUR, 10, 3", "USD, 7, 1", "USD, 7, null", "USD, 7, 4"),
                        h.sorted("converted"), cores + " cores");
                String plan = h.db.explain("SELECT p.cur, r.rate FROM payments p JOIN rates FOR SYSTEM_TIME AS OF p.ts AS r "
                        + "ON p.cur = r.cur");
                assertTrue(plan.contains("a right row with every value column NULL deletes its key"), plan);
                assertTrue(!plan.contains("UpsertNormalize"), plan); // the versions are the rows as written
            }
        }
    }

    @Test void badKeysAreRefusedWithTheFix() {
        try (EngineHarness h = new EngineHarness(1, RATES)) {
            LaminarException e = assertThrows(LaminarException.class, () -> h.db.execute(
                    "CREATE SOURCE s (a BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts, PRIMARY KEY (b))"));
            assertTrue(e.getMessage().contains("PRIMARY KEY (b): SOURCE s has no such column"), e.getMessage());
            e = assertThrows(LaminarException.class, () -> h.db.execute(
                    "CREATE SOURCE s (a BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts, PRIMARY KEY (ts))"));
            assertTrue(e.getMessage().contains("uses its event-time column as a key"), e.getMessage());
            e = assertThrows(LaminarException.class, () -> h.db.explain("SELECT p.cur FROM payments p JOIN rates "
                    + "FOR SYSTEM_TIME AS OF p.ts AS r ON p.amount = r.rate"));
            assertTrue(e.getMessage().contains("must equate the whole PRIMARY KEY of rates [cur]"), e.getMessage());
            e = assertThrows(LaminarException.class, () -> h.db.explain("SELECT cur, COUNT(*) FROM TABLE(TUMBLE(TABLE rates, "
                    + "DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY cur, window_start, window_end"));
            assertTrue(e.getMessage().contains("rates (an upsert source, read as the changelog of its PRIMARY KEY)"),
                    e.getMessage());
        }
    }

    @Test void upsertsApplyInArrivalOrderSoNoneIsLate() {
        try (EngineHarness h = new EngineHarness(2, PRODUCTS + """
                CREATE STREAM live AS SELECT id, price FROM products;
                """).collect("live")) {
            h.write("products", false, product(1, "toys", 10L, "09"));   // watermark now 00:08
            h.write("products", false, product(1, "toys", 12L, "02"),     // older event time, later arrival: applies
                    product(2, "toys", 3L, "01"), product(2, null, null, "01"));
            assertEquals(EngineHarness.sortedOf("+I 1, 10", "-U 1, 10", "+U 1, 12", "+I 2, 3", "-D 2, 3"), h.sorted("live"));
        }
    }
}
