package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** DDL, INSERT, SHOW, DESCRIBE, EXPLAIN, DROP CASCADE, ad-hoc queries, Arrow in and out. */
class CatalogStatementsTest {
    static final String SCRIPT = """
        CREATE SOURCE bids (auction BIGINT, price DECIMAL(10, 2), ts TIMESTAMP(3),
            WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
        CREATE MATERIALIZED VIEW totals AS SELECT auction, SUM(price) AS total, COUNT(*) AS n FROM bids GROUP BY auction;
        CREATE STREAM big AS SELECT auction, price FROM bids WHERE price > 10;
        CREATE TABLE names (id BIGINT, name VARCHAR, PRIMARY KEY (id));
        """;

    @Test void insertShowDescribeQueryDrop() {
        try (Laminar db = Laminar.open(new Config().cores(1))) {
            db.execute(SCRIPT);
            assertEquals(2, db.execute("INSERT INTO bids VALUES (1, 12.50, TIMESTAMP '2026-01-01 00:00:01'), "
                    + "(1, 2.50, TIMESTAMP '2026-01-01 00:00:02')").rowsAffected());
            db.execute("INSERT INTO names VALUES (1, 'one'); INSERT INTO names VALUES (1, 'uno'), (2, 'two')");
            db.awaitIdle();
            QueryResult totals = db.query("SELECT auction, total, n FROM totals");
            assertEquals(1, totals.rows().size());
            assertEquals(new java.math.BigDecimal("15.00"), totals.rows().get(0)[1]);
            assertEquals(2L, totals.rows().get(0)[2]);
            assertEquals(List.of("uno", "two"), db.query("SELECT name FROM names ORDER BY id").rows().stream().map(r -> r[0]).toList());
            assertEquals(List.of("bids"), db.execute("SHOW SOURCES").rows().stream().map(r -> r[0]).toList());
            assertEquals(List.of("big"), db.execute("SHOW STREAMS").rows().stream().map(r -> r[0]).toList());
            assertEquals(List.of("totals"), db.execute("SHOW MATERIALIZED VIEWS").rows().stream().map(r -> r[0]).toList());
            assertEquals(2, db.execute("SHOW QUERIES").rows().size());
            QueryResult d = db.execute("DESCRIBE bids");
            assertEquals("DECIMAL(10, 2)", d.rows().get(1)[1]);
            assertTrue(String.valueOf(d.rows().get(2)[3]).contains("WATERMARK"));
            assertTrue(db.explain("SELECT auction FROM bids WHERE price > 1").contains("compiled"));
            assertTrue(db.execute("EXPLAIN CODE SELECT auction FROM bids WHERE price > 1").rows().get(0)[0].toString()
                    .contains("public int process"));
            // counting a character the way Nexmark q14 does compiles to a count, not a replaced copy of the string
            assertTrue(db.execute("EXPLAIN CODE SELECT CHAR_LENGTH(CAST(auction AS VARCHAR)) - CHAR_LENGTH(REPLACE(CAST(auction AS VARCHAR), '1', '')) FROM bids")
                    .rows().get(0)[0].toString().contains("charLengthWithout"));
            LaminarException e = assertThrows(LaminarException.class, () -> db.execute("DROP SOURCE bids"));
            assertEquals(ErrorCode.DEPENDENT_OBJECTS, e.code());
            assertTrue(e.getMessage().contains("CASCADE"), e.getMessage());
            e = assertThrows(LaminarException.class, () -> db.query("SELECT * FROM big"));
            assertTrue(e.getMessage().contains("MATERIALIZED VIEW"), e.getMessage());
            db.execute("DROP SOURCE bids CASCADE");
            assertTrue(db.execute("SHOW STREAMS").rows().isEmpty());
            assertEquals("no bids to drop (IF EXISTS)", db.execute("DROP SOURCE IF EXISTS bids").message());
        }
    }

    @Test void errorsNameTheStatementAndThePosition() {
        try (Laminar db = Laminar.open()) {
            LaminarException e = assertThrows(LaminarException.class, () -> db.execute("""
                    CREATE SOURCE a (x BIGINT);
                    CREATE STREAM s AS SELEC x FROM a;"""));
            assertEquals(ErrorCode.PARSE, e.code());
            assertEquals(2, e.data().get("line"));
            assertTrue(db.execute("SHOW SOURCES").rows().isEmpty(), "a script with a syntax error runs no statement");
            db.execute("CREATE SOURCE a (x BIGINT)");
            e = assertThrows(LaminarException.class, () -> db.execute("CREATE STREAM t AS SELECT y FROM a"));
            assertTrue(e.getMessage().contains("'y'"), e.getMessage());
            e = assertThrows(LaminarException.class, () -> db.execute("CREATE SOURCE a (x BIGINT)"));
            assertEquals(ErrorCode.OBJECT_EXISTS, e.code());
            e = assertThrows(LaminarException.class, () -> db.execute(
                    "CREATE STREAM t AS SELECT x FROM a EMIT ON WINDOW CLOSE"));
            assertTrue(e.getMessage().contains("windowed aggregation"), e.getMessage());
            e = assertThrows(LaminarException.class, () -> db.execute(
                    "CREATE SOURCE f (x BIGINT) FROM FILES (path = 'x.jsonl', fromat = 'json')"));
            assertTrue(e.getMessage().contains("did you mean 'format'"), e.getMessage());
        }
    }

    @Test void arrowIn_arrowOut_andPollingSubscription() throws Exception {
        try (Laminar db = Laminar.open(new Config().cores(1));
             RootAllocator alloc = new RootAllocator()) {
            db.execute("CREATE SOURCE s (k BIGINT, name VARCHAR, ts TIMESTAMP(3)); "
                    + "CREATE STREAM u AS SELECT k * 10 AS k10, UPPER(name) AS up, ts FROM s");
            Subscription sub = db.subscribe("u");
            // build an Arrow batch through our own converter, then write it back in
            io.laminar.data.Schema schema = io.laminar.data.Schema.of(
                    new io.laminar.data.Field("k", io.laminar.data.ColumnType.BIGINT),
                    new io.laminar.data.Field("name", io.laminar.data.ColumnType.VARCHAR),
                    new io.laminar.data.Field("ts", io.laminar.data.ColumnType.TIMESTAMP));
            io.laminar.data.Batch b = new io.laminar.data.Batch(schema, 2);
            int r = b.addRow(io.laminar.data.RowKind.INSERT);
            b.setLong(0, r, 4);
            b.setObject(1, r, "ada");
            b.setLong(2, r, 1_000);
            try (VectorSchemaRoot root = io.laminar.data.ArrowBatches.toArrow(b, alloc)) {
                db.writer("s").write(root).flush();
            }
            ResultBatch got = sub.poll(Duration.ofSeconds(10));
            assertEquals(40L, got.get(0, "k10"));
            assertEquals("ADA", got.get(0, "up"));
            try (VectorSchemaRoot out = got.toArrow(alloc)) {
                assertEquals(1, out.getRowCount());
                assertEquals(40L, ((org.apache.arrow.vector.BigIntVector) out.getVector("k10")).get(0));
            }
        }
    }
}
