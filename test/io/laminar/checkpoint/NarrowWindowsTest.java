package io.laminar.checkpoint;

import static io.laminar.checkpoint.DurableFixtures.sortedLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.Config;
import io.laminar.Laminar;
import io.laminar.SourceWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The narrow windows of durability: crashes at one precise moment (a test-only halt point in a child JVM,
 * {@code -Dlaminar.test.crashAt}) and catalog histories that older code replayed wrongly.
 */
class NarrowWindowsTest {
    @TempDir Path tmp;

    /** Runs {@link CrashChild} {@code script} mode over {@code sql}; returns its exit code. */
    private int runScript(Path dir, String sql, String end, String crashAt) throws Exception {
        Path file = Files.writeString(tmp.resolve("script-" + System.nanoTime() + ".sql"), sql);
        Path log = tmp.resolve("child-" + System.nanoTime() + ".log");
        List<String> jvm = crashAt == null ? List.of() : List.of("-Dlaminar.test.crashAt=" + crashAt);
        Process p = CrashRecoveryTest.spawnMain(jvm, CrashChild.class.getName(), log, "script", dir.toString(), tmp.toString(),
                file.toString(), end);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not finish");
        if (crashAt == null) assertEquals(0, p.exitValue(), () -> CrashRecoveryTest.readLog(log));
        return p.exitValue();
    }

    private static List<String> numbers(Path file) throws Exception {
        return sortedLines(file).stream().map(l -> l.replaceAll("[^0-9]", "")).sorted().toList();
    }

    /**
     * (a) The rows of an INSERT into a MEMORY source reach the WAL before the statement reaches the catalog log. A
     * crash between the two used to replay the rows on recovery and then run the unlogged INSERT again: twice.
     */
    @Test void aCrashBetweenAnInsertsRowsAndItsCatalogEntryDoesNotDuplicateIt() throws Exception {
        Path dir = tmp.resolve("db");
        String script = """
            CREATE SOURCE nums (n BIGINT);
            CREATE SINK out FROM nums INTO FILES (path = '%s');
            INSERT INTO nums VALUES (1), (2), (3);
            INSERT INTO nums VALUES (4);
            """.formatted(tmp.resolve("out.jsonl"));
        int exit = runScript(dir, script, "close", "insert-before-catalog");
        assertEquals(Durability_CRASH_EXIT, exit, "the child halts at the crash point");
        runScript(dir, script, "close", null); // the rerun after the crash
        assertEquals(List.of("1", "2", "3", "4"), numbers(tmp.resolve("out.jsonl")));
    }

    /** The exit status of a halt at a crash point (the engine's {@code Durability.crashPoint}). */
    private static final int Durability_CRASH_EXIT = 137;

    /**
     * (b) A transactional sink reading a LATE DATA TO stream whose feeding queries were all dropped receives no
     * barrier any more; checkpoints used to wait for its pre-commit until they timed out.
     */
    @Test void aSinkOnAnUnfedLateDataStreamDoesNotBlockCheckpoints() throws Exception {
        Path out = tmp.resolve("late.jsonl");
        try (Laminar db = Laminar.open(new Config().directory(tmp.resolve("db")).cores(2).statementTimeoutMillis(5_000))) {
            db.executeAll("""
                CREATE SOURCE events (n BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
                CREATE STREAM w AS SELECT window_end, COUNT(*) AS c
                  FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))
                  GROUP BY window_start, window_end EMIT ON WINDOW CLOSE LATE DATA TO late_rows;
                CREATE SINK late_out FROM late_rows INTO FILES (path = '%s');
                """.formatted(out));
            try (SourceWriter wr = db.writer("events")) {
                wr.write(1L, Instant.ofEpochMilli(20_000));
                wr.write(2L, Instant.ofEpochMilli(1_000)); // late: goes to late_rows
            }
            db.awaitIdle();
            db.checkpoint();
            db.execute("DROP STREAM w");
            db.checkpoint(); // timed out before: nothing sends late_rows a barrier any more
            db.checkpoint();
        }
        List<String> late = sortedLines(out);
        assertEquals(1, late.size(), "the late row, once: " + late);
        assertTrue(late.get(0).contains("\"n\":2"), late.get(0));
    }

    /**
     * (c) WAL records are keyed by source; a source dropped and created again under the same name used to receive
     * the old source's logged rows on recovery (and skip its own, whose sequence numbers the old ones had taken).
     */
    @Test void walRecordsOfADroppedSourceDoNotReplayIntoItsSuccessor() throws Exception {
        Path dir = tmp.resolve("db");
        Path first = tmp.resolve("first.jsonl");
        Path second = tmp.resolve("second.jsonl");
        runScript(dir, """
            CREATE SOURCE s (n BIGINT);
            CREATE SINK o1 FROM s INTO FILES (path = '%s');
            INSERT INTO s VALUES (1), (2), (3);
            DROP SINK o1;
            DROP SOURCE s;
            CREATE SOURCE s (n BIGINT);
            CREATE SINK o2 FROM s INTO FILES (path = '%s');
            INSERT INTO s VALUES (100);
            """.formatted(first, second), "halt", null); // a crash: no checkpoint covers any of it
        try (Laminar db = Laminar.open(new Config().directory(dir).cores(2))) {
            assertTrue(db.recoveryReport().isEmpty(), db.recoveryReport().toString());
            db.awaitIdle();
        }
        assertEquals(List.of("100"), numbers(second), "only the second source's own row");
    }
}
