package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.lookup.PostgresServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lookup tables over a real PostgreSQL server (started by the test): a stream joined with rows fetched by key, under
 * each cache mode — the same answers, different numbers of fetches, different freshness.
 */
class LookupTableTest {
    static PostgresServer pg;

    @BeforeAll static void startPostgres() throws Exception {
        pg = PostgresServer.start();
        pg.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, name TEXT, tier INT, since TIMESTAMP, credit NUMERIC(10,2))",
                "INSERT INTO customers VALUES (1, 'ada', 2, '2026-01-01 10:00:00', 12.50), (2, 'bob', 1, NULL, 3.00), "
                        + "(3, 'cy', 3, '2026-02-01 00:00:00.250', NULL)");
    }

    @AfterAll static void stopPostgres() throws Exception {
        if (pg != null) pg.close();
    }

    static String script(String table, String cacheOptions) {
        return """
                CREATE SOURCE orders (id BIGINT, customer BIGINT, amount BIGINT);
                CREATE LOOKUP TABLE %s (id BIGINT, name VARCHAR, tier INT, since TIMESTAMP(3), credit DECIMAL(10, 2),
                    PRIMARY KEY (id))
                  WITH ('connector' = 'postgres', 'url' = '%s', 'table' = 'customers'%s);
                CREATE STREAM enriched AS SELECT o.id, o.amount, c.name, c.tier, c.since, c.credit
                  FROM orders o LEFT JOIN %s c ON o.customer = c.id;
                """.formatted(table, pg.url(), cacheOptions, table);
    }

    static final List<String> EXPECTED = EngineHarness.sortedOf("10, 5, ada, 2, 2026-01-01 10:00, 12.50",
            "11, 6, bob, 1, null, 3.00", "12, 7, ada, 2, 2026-01-01 10:00, 12.50",
            "13, 8, cy, 3, 2026-02-01 00:00:00.250, null", "14, 9, null, null, null, null",
            "15, 1, null, null, null, null", "16, 2, ada, 2, 2026-01-01 10:00, 12.50");

    static void writeOrders(EngineHarness h) {
        h.write("orders", false, new Object[] {10L, 1L, 5L}, new Object[] {11L, 2L, 6L}, new Object[] {12L, 1L, 7L},
                new Object[] {13L, 3L, 8L}, new Object[] {14L, 99L, 9L}, new Object[] {15L, null, 1L},
                new Object[] {16L, 1L, 2L});
    }

    /** {fetches, cache hits, filtered misses} from SHOW TABLES's description of {@code table}. */
    static long[] counts(EngineHarness h, String table) {
        for (Object[] row : h.db.execute("SHOW TABLES").rows()) {
            if (row[0].toString().equalsIgnoreCase(table)) {
                String info = row[row.length - 1].toString();
                java.util.regex.Matcher m = java.util.regex.Pattern
                        .compile("(\\d+) fetches, (\\d+) cache hits, (\\d+) misses answered").matcher(info);
                assertTrue(m.find(), info);
                return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
            }
        }
        throw new AssertionError("no table " + table + " in SHOW TABLES");
    }

    @Test void everyCacheModeJoinsTheSameRows() {
        for (String mode : List.of("full", "partial", "none")) {
            String options = ", 'cache' = '" + mode + "'" + (mode.equals("partial") ? ", 'cache.reload-interval' = '1min'" : "");
            try (EngineHarness h = new EngineHarness(1, script("cust", options)).collect("enriched")) {
                writeOrders(h);
                assertEquals(EXPECTED, h.sorted("enriched"), mode);
                long[] c = counts(h, "cust");
                switch (mode) {
                    case "full" -> assertEquals(0, c[0], "a full cache never fetches");
                    // 1 (fetched, then hit twice), 2, 3 fetched; 99 is not in the table: the key filter answers it
                    case "partial" -> assertEquals(List.of(3L, 2L, 1L), List.of(c[0], c[1], c[2]));
                    default -> assertEquals(6, c[0], "no cache: a fetch per row with a key");
                }
            }
        }
    }

    @Test void twoCoresEachUseTheirOwnConnectionAndCache() {
        try (EngineHarness h = new EngineHarness(2, script("cust", ", 'cache' = 'partial', 'cache.filter' = 'none'"))
                .collect("enriched")) {
            writeOrders(h);
            assertEquals(EXPECTED, h.sorted("enriched"));
            long[] c = counts(h, "cust");
            assertEquals(6, c[0] + c[1], "every keyed row is a fetch or a hit");
            assertTrue(c[0] >= 4 && c[0] <= 8, "each core fetches each distinct key at most once: " + c[0]);
        }
    }

    @Test void freshnessFollowsTheCacheMode() throws Exception {
        pg.execute("CREATE TABLE rates (cur TEXT PRIMARY KEY, rate BIGINT)", "INSERT INTO rates VALUES ('EUR', 2)");
        try (EngineHarness h = new EngineHarness(1, """
                CREATE SOURCE payments (cur VARCHAR, amount BIGINT);
                CREATE LOOKUP TABLE live (cur VARCHAR, rate BIGINT, PRIMARY KEY (cur))
                  WITH ('connector' = 'postgres', 'url' = '%1$s', 'table' = 'rates', 'cache' = 'none');
                CREATE LOOKUP TABLE loaded (cur VARCHAR, rate BIGINT, PRIMARY KEY (cur))
                  WITH ('connector' = 'postgres', 'url' = '%1$s', 'table' = 'rates', 'cache' = 'full');
                CREATE STREAM now_rate AS SELECT p.amount * r.rate AS v FROM payments p JOIN live r ON p.cur = r.cur;
                CREATE STREAM loaded_rate AS SELECT p.amount * r.rate AS v FROM payments p JOIN loaded r ON p.cur = r.cur;
                """.formatted(pg.url())).collect("now_rate", "loaded_rate")) {
            h.write("payments", false, new Object[] {"EUR", 10L});
            assertEquals(List.of("20"), h.rows("now_rate")); // processed before the update
            pg.execute("UPDATE rates SET rate = 3 WHERE cur = 'EUR'");
            h.write("payments", false, new Object[] {"EUR", 10L});
            assertEquals(List.of("20", "30"), h.rows("now_rate"), "no cache: the current row");
            assertEquals(List.of("20", "20"), h.rows("loaded_rate"), "full cache: the rows of its last load");
        } finally {
            pg.execute("DROP TABLE rates");
        }
    }

    @Test void aFullCacheReloadsOnItsInterval() throws Exception {
        pg.execute("CREATE TABLE tiers (id BIGINT PRIMARY KEY, label TEXT)", "INSERT INTO tiers VALUES (1, 'old')");
        try (EngineHarness h = new EngineHarness(1, """
                CREATE SOURCE ev (id BIGINT);
                CREATE LOOKUP TABLE t (id BIGINT, label VARCHAR, PRIMARY KEY (id))
                  WITH ('connector' = 'postgres', 'url' = '%s', 'table' = 'tiers', 'cache' = 'full',
                        'cache.reload-interval' = '100ms');
                CREATE STREAM labelled AS SELECT e.id, t.label FROM ev e JOIN t ON e.id = t.id;
                """.formatted(pg.url())).collect("labelled")) {
            pg.execute("UPDATE tiers SET label = 'new' WHERE id = 1");
            for (int i = 0; i < 100 && !h.rows("labelled").contains("1, new"); i++) { // until a reload has run
                h.write("ev", false, new Object[] {1L});
                Thread.sleep(50);
            }
            assertTrue(h.rows("labelled").contains("1, new"), h.rows("labelled").toString());
        } finally {
            pg.execute("DROP TABLE tiers");
        }
    }

    @Test void mistakesAreRefusedWhenTheTableIsCreated() {
        try (EngineHarness h = new EngineHarness(1, null)) {
            String cols = "(id BIGINT, name VARCHAR, PRIMARY KEY (id))";
            LaminarException e = assertThrows(LaminarException.class, () -> h.db.execute("CREATE LOOKUP TABLE x " + cols
                    + " WITH ('connector' = 'postgres', 'url' = '" + pg.url() + "', 'table' = 'no_such_table')"));
            assertTrue(e.getMessage().contains("LOOKUP TABLE x: cannot read postgres table no_such_table"), e.getMessage());
            e = assertThrows(LaminarException.class, () -> h.db.execute("CREATE LOOKUP TABLE x (id BIGINT, nme VARCHAR, "
                    + "PRIMARY KEY (id)) WITH ('connector' = 'postgres', 'url' = '" + pg.url() + "', 'table' = 'customers')"));
            assertTrue(e.getMessage().contains("nme"), e.getMessage());
            e = assertThrows(LaminarException.class, () -> h.db.execute("CREATE LOOKUP TABLE x " + cols
                    + " WITH ('connector' = 'postgres', 'url' = '" + pg.url() + "', 'table' = 'customers', 'cache' = 'lru')"));
            assertTrue(e.getMessage().contains("full, partial, none"), e.getMessage());
            e = assertThrows(LaminarException.class, () -> h.db.execute("CREATE LOOKUP TABLE x " + cols
                    + " WITH ('connector' = 'postgres', 'url' = '" + pg.url() + "', 'table' = 'customers', 'cache.maxrows' = '5')"));
            assertTrue(e.getMessage().contains("cache.max-rows"), e.getMessage());
            e = assertThrows(LaminarException.class, () -> h.db.execute("CREATE LOOKUP TABLE x " + cols
                    + " WITH ('connector' = 'postgres', 'url' = '" + pg.url() + "', 'table' = 'customers', 'cache.filter' = 'bloom')"));
            assertTrue(e.getMessage().contains("needs 'cache.reload-interval'"), e.getMessage());
            e = assertThrows(LaminarException.class, () -> h.db.execute("CREATE LOOKUP TABLE x (id BIGINT) WITH ("
                    + "'connector' = 'postgres', 'url' = '" + pg.url() + "')"));
            assertTrue(e.getMessage().contains("needs a PRIMARY KEY"), e.getMessage());
            h.db.execute("CREATE LOOKUP TABLE c " + cols + " WITH ('connector' = 'postgres', 'url' = '" + pg.url()
                    + "', 'table' = 'customers')");
            e = assertThrows(LaminarException.class, () -> h.db.execute("INSERT INTO c VALUES (7, 'x')"));
            assertTrue(e.getMessage().contains("write them there"), e.getMessage());
            assertEquals(3, h.db.execute("SELECT * FROM c").rows().size(), "ad-hoc queries read the database");
            h.db.execute("CREATE SOURCE s (k BIGINT); CREATE STREAM j AS SELECT s.k, c.name FROM s JOIN c ON s.k = c.id");
            e = assertThrows(LaminarException.class, () -> h.db.execute("DROP TABLE c"));
            assertTrue(e.getMessage().contains("stream j"), e.getMessage());
        }
    }

    @Test void aFileIsABoundedSideInputHeldInAFullCache(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path side = dir.resolve("side.csv");
        java.nio.file.Files.writeString(side, "0,zero\n1,one\n2,two\nthree,3\n");
        try (EngineHarness h = new EngineHarness(2, """
                CREATE SOURCE bids (auction BIGINT, price BIGINT);
                CREATE LOOKUP TABLE side_input (k BIGINT, v VARCHAR, PRIMARY KEY (k))
                  WITH ('connector' = 'files', 'path' = '%s', 'format' = 'csv');
                CREATE STREAM q13 AS SELECT b.auction, b.price, s.v FROM (SELECT *, PROCTIME() AS p_time FROM bids) AS b
                  JOIN side_input FOR SYSTEM_TIME AS OF b.p_time AS s ON MOD(b.auction, 3) = s.k;
                """.formatted(side)).collect("q13")) {
            h.write("bids", false, new Object[] {4L, 10L}, new Object[] {5L, 20L}, new Object[] {6L, 30L});
            assertEquals(EngineHarness.sortedOf("4, 10, one", "5, 20, two", "6, 30, zero"), h.sorted("q13"));
            Object[] shown = h.db.execute("SHOW TABLES").rows().get(0);
            String info = shown[shown.length - 1].toString();
            assertTrue(info.contains("cache full (3 rows)") && info.contains("1 undecodable records left out"), info);
            LaminarException e = assertThrows(LaminarException.class, () -> h.db.execute("CREATE LOOKUP TABLE t2 (k BIGINT, "
                    + "PRIMARY KEY (k)) WITH ('connector' = 'files', 'path' = '" + side + "', 'cache' = 'partial')"));
            assertTrue(e.getMessage().contains("'cache' must be 'full'"), e.getMessage());
        }
    }

    @Test void aDatabaseReopensWhileItsLookupSystemIsDownAndLoadsOnceItIsBack(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        pg.execute("CREATE TABLE regions (id BIGINT PRIMARY KEY, label TEXT)", "INSERT INTO regions VALUES (1, 'north')");
        String script = """
                CREATE SOURCE ev (id BIGINT);
                CREATE LOOKUP TABLE r (id BIGINT, label VARCHAR, PRIMARY KEY (id))
                  WITH ('connector' = 'postgres', 'url' = '%s', 'table' = 'regions', 'cache' = 'full');
                CREATE MATERIALIZED VIEW labelled AS SELECT e.id, r.label FROM ev e JOIN r ON e.id = r.id;
                """.formatted(pg.url());
        try (Laminar db = Laminar.open(new Config().cores(1).directory(dir))) {
            db.executeAll(script);
        }
        pg.execute("ALTER TABLE regions RENAME TO regions_away"); // the lookup's table is gone while we reopen
        try (Laminar db = Laminar.open(new Config().cores(1).directory(dir))) {
            Object[] shown = db.execute("SHOW TABLES").rows().get(0);
            assertTrue(shown[shown.length - 1].toString().contains("not loaded yet"), shown[shown.length - 1].toString());
            pg.execute("ALTER TABLE regions_away RENAME TO regions"); // back: the retry loads it
            for (int i = 0; i < 100 && db.execute("SHOW TABLES").rows().get(0)[shown.length - 1].toString()
                    .contains("not loaded"); i++) {
                Thread.sleep(100);
            }
            db.writer("ev").write(1L).flush();
            db.awaitIdle();
            assertEquals(1, db.query("SELECT * FROM labelled").rows().size());
        } finally {
            pg.execute("DROP TABLE IF EXISTS regions", "DROP TABLE IF EXISTS regions_away");
        }
    }
}
