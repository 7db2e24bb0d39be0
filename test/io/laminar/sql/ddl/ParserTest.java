package io.laminar.sql.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.ErrorCode;
import io.laminar.SqlException;
import io.laminar.sql.SqlStatements;
import io.laminar.sql.SqlStatements.Statement;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParserTest {

    static SqlNode parse(String sql) {
        return SqlStatements.parseOne(sql);
    }

    /** Parses, prints, parses the print again and checks that the second print equals the first. */
    static SqlNode roundTrip(String sql) {
        final SqlNode node = parse(sql);
        final String printed = SqlStatements.toSql(node);
        final SqlNode again;
        try {
            again = parse(printed);
        } catch (SqlException e) {
            throw new AssertionError("printed SQL does not parse:\n" + printed, e);
        }
        assertEquals(printed, SqlStatements.toSql(again), "round trip of:\n" + sql);
        if (node.getClass().getPackage() == SqlCreateSource.class.getPackage()) {
            assertEquals(printed, node.toString(), "a Laminar node prints through Laminar's dialect");
        }
        return node;
    }

    static SqlException parseError(String sql) {
        final SqlException e = assertThrows(SqlException.class, () -> SqlStatements.parse(sql));
        assertEquals(ErrorCode.PARSE, e.code());
        return e;
    }

    // ---------------------------------------------------------------- CREATE SOURCE

    @Test void createSourceWithConnectorClause() {
        final SqlCreateSource s = (SqlCreateSource) roundTrip("""
            CREATE SOURCE bids (
                auction BIGINT, bidder BIGINT NOT NULL, price DECIMAL(10,2), ts TIMESTAMP(3),
                WATERMARK FOR ts AS ts - INTERVAL '4' SECOND,
                PRIMARY KEY (auction))
            FROM files (path = 'bids.jsonl', csv.header = 'true', 'csv.delimiter' = ';', events = 1000,
                        rate = -1.5, loop = true)
            FORMAT json""");
        assertEquals("bids", s.name.getSimple());
        assertFalse(s.getReplace());
        assertFalse(s.ifNotExists);
        assertEquals(4, s.columns.size());
        final SqlColumn bidder = s.columns.get(1);
        assertEquals("bidder", bidder.name);
        assertFalse(bidder.nullable);
        assertEquals(Boolean.FALSE, bidder.type.getNullable());
        assertTrue(s.columns.get(0).nullable);
        assertEquals("DECIMAL", s.columns.get(2).type.getTypeName().getSimple());
        assertEquals(SqlTypeName.TIMESTAMP.name(), s.columns.get(3).type.getTypeName().getSimple());
        assertEquals("ts", s.watermark.column);
        assertEquals(SqlKind.MINUS, s.watermark.expression.getKind());
        final SqlNode delay = ((SqlBasicCall) s.watermark.expression).operand(1);
        assertInstanceOf(SqlIntervalLiteral.class, delay);
        assertEquals(List.of("auction"), s.primaryKey);
        assertEquals("FILES", s.connector);
        assertEquals(Map.of("path", "bids.jsonl", "csv.header", "true", "csv.delimiter", ";", "events", "1000",
            "rate", "-1.5", "loop", "true"), s.options);
        assertEquals(List.of("path", "csv.header", "csv.delimiter", "events", "rate", "loop"),
            List.copyOf(s.options.keySet()));
        assertEquals("JSON", s.format);
    }

    @Test void createSourceWithOptions() {
        final SqlCreateSource s = (SqlCreateSource) roundTrip("""
            CREATE OR REPLACE SOURCE IF NOT EXISTS bids (auction BIGINT, ts TIMESTAMP(3))
            WITH ('connector' = 'files', 'path' = '/tmp/a;b.json', 'Format' = 'json', 'CSV.Header' = 'true')""");
        assertTrue(s.getReplace());
        assertTrue(s.ifNotExists);
        assertEquals("FILES", s.connector);
        assertEquals("JSON", s.format);
        assertEquals(Map.of("path", "/tmp/a;b.json", "csv.header", "true"), s.options);
        assertNull(s.watermark);
        assertEquals(List.of(), s.primaryKey);
    }

    @Test void createSourceWithoutConnectorIsMemory() {
        final SqlCreateSource s = (SqlCreateSource) roundTrip("CREATE SOURCE bids (auction BIGINT, price BIGINT)");
        assertNull(s.connector);
        assertNull(s.format);
        assertEquals(Map.of(), s.options);
        final SqlCreateSource f = (SqlCreateSource) roundTrip("CREATE SOURCE bids (auction BIGINT) FORMAT CSV");
        assertNull(f.connector);
        assertEquals("CSV", f.format);
    }

    @Test void createSourceVariants() {
        final SqlCreateSource g = (SqlCreateSource) roundTrip(
            "CREATE SOURCE person FROM GENERATOR (kind = 'nexmark.person', events = 10, group.id = 'g')");
        assertEquals(List.of(), g.columns);
        assertEquals("GENERATOR", g.connector);
        assertEquals(Map.of("kind", "nexmark.person", "events", "10", "group.id", "g"), g.options);
        final SqlCreateSource k = (SqlCreateSource) roundTrip(
            "CREATE SOURCE orders (id BIGINT NOT NULL PRIMARY KEY, amount DOUBLE) FROM kafka FORMAT debezium");
        assertEquals(List.of("id"), k.primaryKey);
        assertEquals("KAFKA", k.connector);
        assertEquals("DEBEZIUM", k.format);
        for (String format : List.of("JSON", "CSV", "AVRO", "DEBEZIUM", "RAW")) {
            assertEquals(format, ((SqlCreateSource) parse("CREATE SOURCE s (x INT) FORMAT " + format)).format);
        }
        final SqlCreateSource w = (SqlCreateSource) roundTrip(
            "CREATE SOURCE s (watermark BIGINT, source VARCHAR, dateTime TIMESTAMP(3), \"late\" INT, "
            + "WATERMARK FOR dateTime AS dateTime - INTERVAL '1' SECOND)");
        assertEquals(List.of("watermark", "source", "dateTime", "late"), w.columns.stream().map(c -> c.name).toList());
        assertEquals("dateTime", w.watermark.column);
        assertEquals("POSTGRES_CDC",
            ((SqlCreateSource) parse("CREATE SOURCE s (x INT) FROM postgres_cdc ()")).connector);
    }

    @Test void createSourceErrors() {
        assertTrue(parseError("CREATE SOURCE s (x INT) WITH ('a' = '1', A = '2')").getMessage()
            .contains("option 'a' is given twice"));
        assertTrue(parseError("CREATE SOURCE s (x INT) FROM files (format = 'csv') FORMAT JSON").getMessage()
            .contains("format is given twice"));
        assertTrue(parseError("CREATE SOURCE s (ts TIMESTAMP, WATERMARK FOR ts AS ts, WATERMARK FOR ts AS ts)")
            .getMessage().contains("at most one WATERMARK"));
        final SqlException e = parseError("CREATE SOURCE s (x INT) WITH (= '1')");
        assertTrue(e.getMessage().contains("expected an option name, found '='"), e.getMessage());
        assertEquals(1, e.data().get("line"));
        assertEquals(31, e.data().get("column"));
    }

    // ---------------------------------------------------------------- CREATE STREAM / MATERIALIZED VIEW

    @ParameterizedTest
    @ValueSource(strings = {"ON WINDOW CLOSE", "FINAL", "CHANGES", "EVERY INTERVAL '1' SECOND"})
    void everyEmitMode(String emit) {
        final SqlCreateStream s = (SqlCreateStream) roundTrip(
            "CREATE STREAM out AS SELECT auction, COUNT(*) AS n FROM bids GROUP BY auction EMIT " + emit);
        assertNotNull(s.emit);
        assertEquals(SqlEmit.Mode.valueOf(emit.split(" INTERVAL")[0].replace(' ', '_')), s.emit.mode);
        if (s.emit.mode == SqlEmit.Mode.EVERY) {
            assertInstanceOf(SqlIntervalLiteral.class, s.emit.every);
        } else {
            assertNull(s.emit.every);
        }
    }

    @Test void emitAfterTableName() {
        final SqlCreateStream s = (SqlCreateStream) roundTrip("CREATE STREAM s AS SELECT * FROM bids EMIT CHANGES");
        assertEquals(SqlEmit.Mode.CHANGES, s.emit.mode);
        final SqlSelect select = (SqlSelect) s.query;
        assertEquals(SqlKind.IDENTIFIER, select.getFrom().getKind());   // not "bids AS EMIT"
        final SqlCreateStream w = (SqlCreateStream) roundTrip(
            "CREATE STREAM s AS SELECT x FROM bids WHERE price > 10 EMIT FINAL");
        assertEquals(SqlEmit.Mode.FINAL, w.emit.mode);
        final SqlCreateStream g = (SqlCreateStream) roundTrip(
            "CREATE STREAM s AS SELECT x, COUNT(*) FROM bids GROUP BY x EMIT FINAL");
        assertEquals(SqlEmit.Mode.FINAL, g.emit.mode);
        final SqlCreateStream o = (SqlCreateStream) roundTrip(
            "CREATE STREAM s AS SELECT x FROM bids ORDER BY x LIMIT 3 EMIT CHANGES");
        assertInstanceOf(SqlOrderBy.class, o.query);
    }

    @Test void windowTvfWithLatenessAndLateData() {
        final SqlCreateStream s = (SqlCreateStream) roundTrip("""
            CREATE OR REPLACE STREAM IF NOT EXISTS hot_items AS
            SELECT auction, window_start, window_end, COUNT(*) AS num
            FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND))
            GROUP BY auction, window_start, window_end
            EMIT ON WINDOW CLOSE ALLOW LATENESS INTERVAL '2' SECOND LATE DATA TO late_bids""");
        assertTrue(s.getReplace());
        assertTrue(s.ifNotExists);
        assertFalse(s.materialized);
        assertEquals("hot_items", s.name.getSimple());
        assertEquals(SqlEmit.Mode.ON_WINDOW_CLOSE, s.emit.mode);
        assertInstanceOf(SqlIntervalLiteral.class, s.allowLateness);
        assertEquals("late_bids", s.lateDataTo.getSimple());
        assertInstanceOf(SqlSelect.class, s.query);
    }

    @Test void latenessWithoutEmit() {
        final SqlCreateStream s = (SqlCreateStream) roundTrip(
            "CREATE STREAM s AS SELECT * FROM bids ALLOW LATENESS INTERVAL '5' SECOND");
        assertNull(s.emit);
        assertNotNull(s.allowLateness);
        assertNull(s.lateDataTo);
        final SqlCreateStream l = (SqlCreateStream) roundTrip("CREATE STREAM s AS SELECT * FROM bids LATE DATA TO x");
        assertEquals("x", l.lateDataTo.getSimple());
        assertNull(l.allowLateness);
    }

    @Test void materializedView() {
        final SqlCreateStream s = (SqlCreateStream) roundTrip("""
            CREATE MATERIALIZED VIEW totals AS
            SELECT seller, SUM(price) AS total FROM bids GROUP BY seller""");
        assertTrue(s.materialized);
        assertNull(s.emit);
        assertEquals(SqlKind.CREATE_MATERIALIZED_VIEW, s.getKind());
        final SqlCreateStream g = (SqlCreateStream) roundTrip("""
            CREATE MATERIALIZED VIEW w AS
            SELECT TUMBLE_START(ts, INTERVAL '10' SECOND) AS ws, COUNT(*) AS n
            FROM bids GROUP BY TUMBLE(ts, INTERVAL '10' SECOND) EMIT EVERY INTERVAL '1' SECOND""");
        assertEquals(SqlEmit.Mode.EVERY, g.emit.mode);
    }

    // ---------------------------------------------------------------- CREATE SINK, TABLE

    @Test void createSink() {
        final SqlCreateSink s = (SqlCreateSink) roundTrip(
            "CREATE SINK out FROM hot_items INTO FILES (path = 'out.jsonl', format = 'json')");
        assertEquals("out", s.name.getSimple());
        assertEquals("hot_items", s.from.getSimple());
        assertNull(s.fromQuery);
        assertEquals("FILES", s.connector);
        assertEquals(Map.of("path", "out.jsonl"), s.options);
        assertEquals("JSON", s.format);

        final SqlCreateSink q = (SqlCreateSink) roundTrip(
            "CREATE OR REPLACE SINK IF NOT EXISTS out FROM (SELECT * FROM bids WHERE price > 100) "
            + "INTO kafka (topic = 'hot', properties.bootstrap.servers = 'localhost:9092') FORMAT AVRO");
        assertTrue(q.getReplace());
        assertTrue(q.ifNotExists);
        assertNull(q.from);
        assertInstanceOf(SqlSelect.class, q.fromQuery);
        assertEquals("KAFKA", q.connector);
        assertEquals("AVRO", q.format);
        assertEquals("localhost:9092", q.options.get("properties.bootstrap.servers"));

        final SqlCreateSink w = (SqlCreateSink) roundTrip(
            "CREATE SINK out FROM s WITH ('connector' = 'files', 'path' = 'x.csv', 'format' = 'csv')");
        assertEquals("FILES", w.connector);
        assertEquals("CSV", w.format);
        assertEquals(Map.of("path", "x.csv"), w.options);
    }

    @Test void createTable() {
        final SqlCreateTable t = (SqlCreateTable) roundTrip(
            "CREATE TABLE dim (id BIGINT, name VARCHAR, city VARCHAR(20), PRIMARY KEY (id))");
        assertFalse(t.lookup);
        assertEquals(3, t.columns.size());
        assertEquals(List.of("id"), t.primaryKey);
        assertNull(t.connector);
        assertEquals(Map.of(), t.options);

        final SqlCreateTable l = (SqlCreateTable) roundTrip("""
            CREATE OR REPLACE LOOKUP TABLE IF NOT EXISTS customers (id BIGINT, name VARCHAR, PRIMARY KEY (id))
            WITH ('connector' = 'postgres', 'url' = 'jdbc:postgresql://localhost/db', 'table' = 'customers')""");
        assertTrue(l.lookup);
        assertTrue(l.getReplace());
        assertTrue(l.ifNotExists);
        assertEquals("POSTGRES", l.connector);
        assertEquals(Map.of("url", "jdbc:postgresql://localhost/db", "table", "customers"), l.options);
        assertTrue(parseError("CREATE TABLE t (ts TIMESTAMP, WATERMARK FOR ts AS ts)").getMessage()
            .contains("a table has no WATERMARK"));
    }

    // ---------------------------------------------------------------- DROP, SHOW, DESCRIBE

    @Test void dropVariants() {
        final Object[][] cases = {
            {"DROP SOURCE bids", SqlDropObject.Kind.SOURCE, false, false},
            {"DROP STREAM IF EXISTS s", SqlDropObject.Kind.STREAM, true, false},
            {"DROP MATERIALIZED VIEW v CASCADE", SqlDropObject.Kind.MATERIALIZED_VIEW, false, true},
            {"DROP SINK IF EXISTS out CASCADE", SqlDropObject.Kind.SINK, true, true},
            {"DROP TABLE dim", SqlDropObject.Kind.TABLE, false, false},
        };
        for (Object[] c : cases) {
            final SqlDropObject d = (SqlDropObject) roundTrip((String) c[0]);
            assertEquals(c[1], d.kind);
            assertEquals(c[2], d.ifExists);
            assertEquals(c[3], d.cascade);
            assertEquals(c[0], d.toString());
        }
    }

    @Test void show() {
        for (String what : List.of("SOURCES", "STREAMS", "SINKS", "TABLES", "MATERIALIZED VIEWS", "QUERIES",
                                   "CHECKPOINTS")) {
            final SqlShow s = (SqlShow) roundTrip("show " + what.toLowerCase());
            assertEquals(what, s.what);
        }
    }

    /** DESCRIBE name is Calcite's own statement and parses into {@link SqlDescribeTable}. */
    @Test void describe() {
        final SqlDescribeTable d = (SqlDescribeTable) parse("DESCRIBE bids");
        assertEquals("bids", d.getTable().getSimple());
        assertInstanceOf(SqlDescribeTable.class, parse("DESCRIBE hot_items"));
    }

    // ---------------------------------------------------------------- EXPLAIN, CHECKPOINT, RESTORE, SET

    @Test void explainVariants() {
        final SqlLaminarExplain q = (SqlLaminarExplain) roundTrip("EXPLAIN SELECT * FROM bids");
        assertFalse(q.code);
        assertInstanceOf(SqlSelect.class, q.statement);

        final SqlLaminarExplain p = (SqlLaminarExplain) parse("EXPLAIN PLAN FOR SELECT * FROM bids");
        assertFalse(p.code);
        assertInstanceOf(SqlSelect.class, p.statement);
        assertInstanceOf(SqlLaminarExplain.class,
            parse("EXPLAIN PLAN INCLUDING ALL ATTRIBUTES WITH IMPLEMENTATION AS JSON FOR SELECT 1"));

        final SqlLaminarExplain s = (SqlLaminarExplain) roundTrip(
            "EXPLAIN CREATE STREAM s AS SELECT * FROM bids EMIT CHANGES");
        assertFalse(s.code);
        assertInstanceOf(SqlCreateStream.class, s.statement);

        final SqlLaminarExplain m = (SqlLaminarExplain) roundTrip(
            "EXPLAIN CREATE MATERIALIZED VIEW v AS SELECT COUNT(*) FROM bids");
        assertTrue(((SqlCreateStream) m.statement).materialized);

        final SqlLaminarExplain k = (SqlLaminarExplain) roundTrip(
            "EXPLAIN CREATE SINK out FROM bids INTO FILES (path = 'o.jsonl')");
        assertInstanceOf(SqlCreateSink.class, k.statement);

        final SqlLaminarExplain c = (SqlLaminarExplain) roundTrip("EXPLAIN CODE SELECT price * 2 FROM bids");
        assertTrue(c.code);
        assertInstanceOf(SqlSelect.class, c.statement);
        final SqlLaminarExplain cc = (SqlLaminarExplain) roundTrip(
            "EXPLAIN CODE CREATE STREAM s AS SELECT * FROM bids WHERE price > 1");
        assertTrue(cc.code);
        assertInstanceOf(SqlCreateStream.class, cc.statement);

        final SqlLaminarExplain i = (SqlLaminarExplain) parse("EXPLAIN INSERT INTO bids VALUES (1, 2)");
        assertInstanceOf(SqlInsert.class, i.statement);
    }

    @Test void checkpointAndRestore() {
        assertInstanceOf(SqlCheckpoint.class, roundTrip("CHECKPOINT"));
        final SqlRestore r = (SqlRestore) roundTrip("RESTORE FROM CHECKPOINT 42");
        assertEquals(42L, r.checkpointId);
    }

    @Test void setForms() {
        final Object[][] cases = {
            {"SET 'checkpoint.interval' = '200ms'", "checkpoint.interval", "200ms"},
            {"SET checkpoint.interval = '200ms'", "checkpoint.interval", "200ms"},
            {"SET Checkpoint.Interval = 200", "checkpoint.interval", "200"},
            {"SET parallelism = 4", "parallelism", "4"},
            {"SET ratio = 0.5", "ratio", "0.5"},
            {"SET wal.fsync = true", "wal.fsync", "true"},
            {"SET mode = batch", "mode", "batch"},
            {"SET \"table.exec.mini-batch\" = 'x'", "table.exec.mini-batch", "x"},
        };
        for (Object[] c : cases) {
            final SqlSetProperty s = (SqlSetProperty) roundTrip((String) c[0]);
            assertEquals(c[1], s.key, (String) c[0]);
            assertEquals(c[2], s.value, (String) c[0]);
        }
        assertInstanceOf(SqlSetOption.class, parse("RESET ALL"));
    }

    // ---------------------------------------------------------------- standard SQL still works

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM bids",
        "INSERT INTO bids VALUES (1, 2, 3, TIMESTAMP '2026-01-01 00:00:00.000')",
        "SELECT auction, CASE WHEN price > 100 THEN 'high' ELSE 'low' END AS c, CAST(price AS DOUBLE) FROM bids",
        "SELECT ts + INTERVAL '1' MINUTE, TIMESTAMP '2026-01-01 00:00:00' FROM bids WHERE ts > TIMESTAMP '2026-01-01 00:00:00'",
        "SELECT COUNT(*) FILTER (WHERE price > 10), COUNT(DISTINCT bidder) FROM bids GROUP BY auction HAVING COUNT(*) > 1",
        "SELECT * FROM bids WHERE auction IN (SELECT id FROM auction WHERE category = 10)",
        "SELECT a FROM x UNION ALL SELECT a FROM y",
        "SELECT channel, url, extra, name, city, state, category, seller, reserve, expires, dateTime FROM t",
        "SELECT window_start, window_end, source, sink, code, lookup, watermark, lateness, changes, checkpoint FROM t",
        "SELECT window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end",
        "SELECT * FROM TABLE(HOP(TABLE bids, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND))",
        "SELECT * FROM TABLE(SESSION(TABLE bids PARTITION BY bidder, DESCRIPTOR(ts), INTERVAL '10' SECOND))",
        "SELECT * FROM TABLE(CUMULATE(TABLE bids, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND))",
        "SELECT TUMBLE_START(ts, INTERVAL '10' SECOND), COUNT(*) FROM bids GROUP BY TUMBLE(ts, INTERVAL '10' SECOND)",
        "SELECT * FROM bids ORDER BY price DESC LIMIT 10",
        "SELECT b.*, p.name FROM bids AS b JOIN person FOR SYSTEM_TIME AS OF b.ts AS p ON b.bidder = p.id",
        "SELECT a, b FROM t WHERE a <> 1 AND b != 2",
        "WITH x AS (SELECT * FROM bids) SELECT * FROM x",
        "SELECT \"late\", \"emit\" FROM t",
    })
    void standardSql(String sql) {
        final SqlNode node = roundTrip(sql);
        assertFalse(node instanceof SqlLaminarExplain);
    }

    @Test void identifierCaseIsKept() {
        final SqlSelect s = (SqlSelect) parse("SELECT dateTime FROM Bids");
        assertEquals("dateTime", s.getSelectList().get(0).toString());
        assertEquals("Bids", s.getFrom().toString());
    }

    @Test void printing() {
        assertEquals("CREATE SOURCE bids (auction BIGINT NOT NULL, ts TIMESTAMP(3), "
                     + "WATERMARK FOR ts AS ts - INTERVAL '4' SECOND) FROM FILES ('path' = 'a.json') FORMAT JSON",
            parse("create source bids (auction bigint not null, ts timestamp(3), "
                  + "watermark for ts as ts - interval '4' second) from files (path = 'a.json') format json")
                .toString());
        assertEquals("CREATE STREAM s AS SELECT * FROM bids EMIT CHANGES",
            parse("CREATE STREAM s AS SELECT * FROM bids EMIT CHANGES").toString().replaceAll("\\s+", " "));
    }

    // ---------------------------------------------------------------- scripts and errors

    @Test void script() {
        final String script = """
            -- a comment; with a semicolon
            CREATE SOURCE bids (auction BIGINT, note VARCHAR)
              FROM files (path = 'a;b.jsonl', sep = ';') ;
            /* block; comment
               over lines */  SET 'x;y' = 'a''b;c';

            INSERT INTO bids VALUES (1, 'it''s; fine'); SELECT "odd;name" FROM bids -- trailing
            ;;
            CHECKPOINT""";
        final List<Statement> statements = SqlStatements.parse(script);
        assertEquals(5, statements.size());
        final Statement create = statements.get(0);
        assertEquals("CREATE SOURCE bids (auction BIGINT, note VARCHAR)\n  FROM files (path = 'a;b.jsonl', sep = ';')",
            create.text());
        assertEquals(2, create.line());
        assertEquals(1, create.column());
        assertEquals(Map.of("path", "a;b.jsonl", "sep", ";"), ((SqlCreateSource) create.node()).options);

        final Statement set = statements.get(1);
        assertEquals("SET 'x;y' = 'a''b;c'", set.text());
        assertEquals(5, set.line());
        assertEquals(19, set.column());
        assertEquals("x;y", ((SqlSetProperty) set.node()).key);
        assertEquals("a'b;c", ((SqlSetProperty) set.node()).value);

        final Statement insert = statements.get(2);
        assertEquals("INSERT INTO bids VALUES (1, 'it''s; fine')", insert.text());
        assertEquals(7, insert.line());
        assertEquals(1, insert.column());
        assertInstanceOf(SqlInsert.class, insert.node());

        final Statement select = statements.get(3);
        assertEquals("SELECT \"odd;name\" FROM bids", select.text());
        assertEquals(7, select.line());
        assertEquals(45, select.column());

        final Statement checkpoint = statements.get(4);
        assertEquals("CHECKPOINT", checkpoint.text());
        assertEquals(9, checkpoint.line());
        assertInstanceOf(SqlCheckpoint.class, checkpoint.node());

        assertEquals(List.of(), SqlStatements.parse("  -- nothing\n/* at all */ ; ;"));
    }

    @Test void errorPositionInScript() {
        final String script = """
            CREATE SOURCE bids (auction BIGINT);

            SELECT auction
              FROM bids WHERE price > > 3;
            """;
        final SqlException e = parseError(script);
        assertEquals(4, e.data().get("line"));
        assertEquals(25, e.data().get("column"));     // Calcite reports the first token of "> >"
        assertEquals("SELECT auction\n  FROM bids WHERE price > > 3", e.data().get("statement"));
        assertTrue(e.getMessage().contains("syntax error at line 4, column 25: "), e.getMessage());
        assertTrue(e.getMessage().contains("Encountered \"> >\""), e.getMessage());
    }

    @Test void errorPositionOnFirstLineOfIndentedStatement() {
        final SqlException e = parseError("CHECKPOINT;   CREATE SINK out FORM s INTO FILES");
        assertEquals(1, e.data().get("line"));
        assertEquals(31, e.data().get("column"));
        final String message = e.getMessage();
        assertTrue(message.contains("syntax error at line 1, column 31: Encountered \"FORM\""), message);
        assertTrue(message.contains("Was expecting one of: "), message);
        assertTrue(message.length() < 600, message);
        assertFalse(message.contains("\n"), message);
    }

    @Test void errorOnReservedWord() {
        final SqlException e = parseError("SELECT emit FROM t");
        assertEquals(1, e.data().get("line"));
        assertEquals(8, e.data().get("column"));
    }

    @Test void parseOneRejectsScripts() {
        final SqlException e = assertThrows(SqlException.class, () -> SqlStatements.parseOne("CHECKPOINT; CHECKPOINT"));
        assertEquals(ErrorCode.PARSE, e.code());
        assertInstanceOf(SqlCheckpoint.class, SqlStatements.parseOne("CHECKPOINT;  -- done"));
    }

    @Test void lexicalError() {
        final SqlException e = parseError("CHECKPOINT;\nSELECT #x FROM t");
        assertEquals(2, e.data().get("line"));
        assertEquals(8, e.data().get("column"));
        assertTrue(e.getMessage().contains("syntax error at line 2, column 8: Lexical error"), e.getMessage());
    }

    @Test void config() {
        assertEquals(org.apache.calcite.avatica.util.Quoting.DOUBLE_QUOTE, SqlStatements.CONFIG.quoting());
        assertEquals(org.apache.calcite.avatica.util.Casing.UNCHANGED, SqlStatements.CONFIG.unquotedCasing());
        assertEquals(org.apache.calcite.avatica.util.Casing.UNCHANGED, SqlStatements.CONFIG.quotedCasing());
        assertFalse(SqlStatements.CONFIG.caseSensitive());
        assertTrue(SqlStatements.CONFIG.conformance().isBangEqualAllowed());
        assertTrue(SqlStatements.CONFIG.conformance().isGroupByAlias());
    }
}
