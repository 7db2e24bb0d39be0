package io.laminar.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs {@link Main} in-process, as {@code bin/laminar} would, and checks exit codes, output and sink files. */
class MainTest {
    /** Exit code, stdout and stderr of one command line. */
    record Outcome(int code, String out, String err) {}

    static Outcome laminar(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e);
        }
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runsAScriptOverFilesIntoAFilesSinkAndPrintsUnreadStreams(@TempDir Path dir) throws IOException {
        Path bids = dir.resolve("bids.jsonl");
        Files.writeString(bids, """
                {"auction": 1, "price": 10, "ts": "2026-01-01T00:00:01"}
                {"auction": 2, "price": 30, "ts": "2026-01-01T00:00:03"}
                {"auction": 1, "price": 20, "ts": "2026-01-01T00:00:08"}
                this line is not JSON
                {"auction": 1, "price": 50, "ts": "2026-01-01T00:00:12"}
                {"auction": 2, "price": 5, "ts": "2026-01-01T00:00:25"}
                """);
        Path sink = dir.resolve("out.jsonl");
        Path script = dir.resolve("script.sql");
        Files.writeString(script, """
                CREATE SOURCE bids (auction BIGINT, price BIGINT, ts TIMESTAMP(3),
                                    WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
                  FROM FILES (path = '%s', format = 'json');
                CREATE STREAM per_10s AS
                  SELECT TUMBLE_START(ts, INTERVAL '10' SECOND) AS ws, COUNT(*) AS n, MAX(price) AS top
                  FROM bids GROUP BY TUMBLE(ts, INTERVAL '10' SECOND);
                CREATE STREAM cheap AS SELECT auction, price FROM bids WHERE price < 25;
                CREATE SINK out FROM per_10s INTO FILES (path = '%s', format = 'json');
                """.formatted(bids, sink));

        Outcome r = laminar("", "run", "--cores", "2", script.toString());

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("created sink out"), r.out());
        assertEquals(List.of(
                "{\"ws\":\"2026-01-01T00:00:00.000\",\"n\":3,\"top\":30}",
                "{\"ws\":\"2026-01-01T00:00:10.000\",\"n\":1,\"top\":50}",
                "{\"ws\":\"2026-01-01T00:00:20.000\",\"n\":1,\"top\":5}"), Files.readAllLines(sink));
        // cheap has no reader, so its rows are printed; per_10s goes to the sink and is not
        assertTrue(r.out().contains("cheap +I {auction=1, price=10}"), r.out());
        assertTrue(r.out().contains("cheap +I {auction=2, price=5}"), r.out());
        assertFalse(r.out().contains("per_10s +I"), r.out());
        assertFalse(r.out().contains("_tap_"), r.out());
        assertTrue(r.err().contains("source bids: 5 rows in"), r.err());
        assertTrue(r.err().contains("dead letter in bids"), r.err());

        Outcome quiet = laminar("", "run", "--quiet", script.toString());
        assertEquals(0, quiet.code(), quiet.err());
        assertFalse(quiet.out().contains("cheap +I"), quiet.out());
    }

    @Test
    void aSyntaxErrorExitsOneAndNamesLineAndColumn(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("bad.sql");
        Files.writeString(script, """
                CREATE SOURCE s (x BIGINT);
                CREATE STREAM t AS
                  SELEKT x FROM s;
                """);
        Outcome r = laminar("", "run", script.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("line 3"), r.err());
        assertTrue(r.err().contains("column"), r.err());
    }

    @Test
    void aMissingScriptOrUnknownCommandFails() {
        assertEquals(1, laminar("", "run", "/no/such/script.sql").code());
        Outcome unknown = laminar("", "frobnicate");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("usage"), unknown.err());
        assertEquals(0, laminar("").code());
        assertEquals(2, laminar("", "demo", "--rate", "fast").code());
    }

    @Test
    void theDemoPrintsWindowsAndStopsByItself() {
        Outcome r = laminar("", "demo", "--seconds", "2", "--rate", "20000", "--cores", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("HOP  [") || r.out().contains("TUMBLE  ["), r.out());
        assertTrue(r.out().contains("stopped after"), r.out());
    }

    @Test
    void theShellReadsStatementsFromItsInput() {
        Outcome r = laminar("""
                CREATE SOURCE s (x BIGINT,
                                 y VARCHAR);
                SHOW SOURCES;
                \\help
                SELEKT nonsense;
                DESCRIBE s;
                quit;
                CREATE SOURCE never (x BIGINT);
                """, "sql");
        assertEquals(1, r.code(), "a failed statement makes a piped session exit 1");
        assertTrue(r.out().contains("created source s"), r.out());
        assertTrue(r.out().contains("MEMORY"), r.out());
        assertTrue(r.out().contains("Statements end with ';'"), r.out());
        assertTrue(r.err().contains("error:") && r.err().contains("line 1"), r.err());
        assertTrue(r.out().contains("VARCHAR"), r.out());
        assertFalse(r.out().contains("never"), r.out());
    }
}
