package io.laminar.checkpoint;

import static io.laminar.checkpoint.DurableFixtures.open;
import static io.laminar.checkpoint.DurableFixtures.sortedLines;
import static io.laminar.checkpoint.DurableFixtures.writeEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.Config;
import io.laminar.ErrorCode;
import io.laminar.Laminar;
import io.laminar.LaminarException;
import io.laminar.QueryResult;
import io.laminar.SourceWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints, reopening a directory, RESTORE and SHOW CHECKPOINTS, in one process. */
class RecoveryTest {
    @TempDir Path tmp;

    /** The reference: all events in one run, no checkpoints in between. */
    private Path cleanRun(long events) throws Exception {
        Path dir = tmp.resolve("clean");
        Path out = tmp.resolve("clean-out");
        try (Laminar db = open(dir, 2)) {
            db.execute(DurableFixtures.memoryScript(out));
            try (SourceWriter w = db.writer("events")) {
                writeEvents(w, 0, events);
                w.finish();
            }
            db.awaitIdle();
        }
        return out;
    }

    @Test void reopeningADirectoryRecreatesObjectsAndContinuesWithTheSameOutput() throws Exception {
        Path clean = cleanRun(3000);
        Path dir = tmp.resolve("db");
        Path out = tmp.resolve("out");
        try (Laminar db = open(dir, 2)) {
            db.execute(DurableFixtures.memoryScript(out));
            try (SourceWriter w = db.writer("events")) {
                writeEvents(w, 0, 1000);
                db.awaitIdle();
                assertEquals(1, db.checkpoint());
                writeEvents(w, 1000, 2000);
            }
        }
        try (Laminar db = open(dir, 2)) {
            assertTrue(db.recoveryReport().isEmpty(), db.recoveryReport().toString());
            assertEquals(List.of("events", "per_window", "per_key", "raw_out", "window_out", "key_out"),
                    List.copyOf(db.database().objects().keySet()));
            try (SourceWriter w = db.writer("events")) {
                writeEvents(w, 2000, 3000);
                w.finish();
            }
            db.awaitIdle();
        }
        for (String f : List.of("raw.jsonl", "windows.jsonl", "keys.jsonl")) {
            assertEquals(sortedLines(clean.resolve(f)), sortedLines(out.resolve(f)), f);
        }
        assertEquals(3000, sortedLines(out.resolve("raw.jsonl")).size());
    }

    /** Creates the fixture's objects, writes events 0..n-1 and waits until they are processed. */
    private static SourceWriter startWith(Laminar db, Path out, long n) {
        db.execute(DurableFixtures.memoryScript(out));
        SourceWriter w = db.writer("events");
        writeEvents(w, 0, n);
        db.awaitIdle();
        return w;
    }

    @Test void sinkOutputIsVisibleOnlyOnceACheckpointCommitsIt() throws Exception {
        Path out = tmp.resolve("out");
        try (Laminar db = open(tmp.resolve("db"), 1)) {
            startWith(db, out, 10);
            assertEquals(0, sortedLines(out.resolve("raw.jsonl")).size(), "nothing committed before a checkpoint");
            db.execute("CHECKPOINT");
            assertEquals(10, sortedLines(out.resolve("raw.jsonl")).size());
            QueryResult r = db.execute("SHOW CHECKPOINTS");
            assertEquals(1, r.rows().size());
            assertEquals("valid", r.rows().get(0)[2]);
        }
    }

    @Test void restoreRollsStateSourcesAndSinksBack() throws Exception {
        Path out = tmp.resolve("out");
        try (Laminar db = open(tmp.resolve("db"), 2)) {
            SourceWriter w = startWith(db, out, 100);
            long first = db.checkpoint();
            writeEvents(w, 100, 200);
            db.awaitIdle();
            db.checkpoint();
            assertEquals(200, sortedLines(out.resolve("raw.jsonl")).size());
            List<String> keysBefore = sortedLines(out.resolve("keys.jsonl"));
            db.execute("RESTORE FROM CHECKPOINT " + first);
            assertEquals(100, sortedLines(out.resolve("raw.jsonl")).size(), "sink rolled back to checkpoint " + first);
            assertEquals(1, db.execute("SHOW CHECKPOINTS").rows().size(), "newer checkpoints are gone");
            // the logged writes after the checkpoint are replayed from the WAL: the same output, nothing twice
            db.checkpoint();
            assertEquals(200, sortedLines(out.resolve("raw.jsonl")).size());
            assertEquals(keysBefore, sortedLines(out.resolve("keys.jsonl")));
        }
    }

    @Test void aChangedQueryOverOldStateIsRefused() throws Exception {
        Path dir = tmp.resolve("db");
        try (Laminar db = open(dir, 1)) {
            db.execute("CREATE SOURCE s (k BIGINT); CREATE STREAM c AS SELECT k, COUNT(*) AS n FROM s GROUP BY k");
        }
        try (Laminar db = open(dir, 1)) {
            LaminarException e = assertThrows(LaminarException.class,
                    () -> db.execute("CREATE STREAM c AS SELECT k, SUM(k) AS n FROM s GROUP BY k"));
            assertEquals(ErrorCode.CATALOG_MISMATCH, e.code());
            assertTrue(e.getMessage().contains("recovered from"), e.getMessage());
            // the identical statement is recognised as already applied
            assertTrue(db.execute("CREATE SOURCE s (k BIGINT)").message().contains("recovered from"));
        }
        LaminarException e = assertThrows(LaminarException.class, () -> Laminar.open(new Config().directory(dir).cores(2)));
        assertEquals(ErrorCode.CHECKPOINT_PLAN_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("--cores 1"), e.getMessage());
    }

    @Test void checkpointsNeedADirectory() {
        try (Laminar db = Laminar.open(new Config().cores(1))) {
            LaminarException e = assertThrows(LaminarException.class, () -> db.execute("CHECKPOINT"));
            assertTrue(e.getMessage().contains("Config.directory"), e.getMessage());
        }
    }

    @Test void newestCheckpointsAreKeptAndTheWalIsTruncatedBehindThem() throws Exception {
        Config cfg = new Config().directory(tmp.resolve("db")).cores(1).walSegmentBytes(4096).checkpointsRetained(2);
        try (Laminar db = Laminar.open(cfg)) {
            db.execute(DurableFixtures.memoryScript(tmp.resolve("out")));
            SourceWriter w = db.writer("events");
            for (int round = 0; round < 5; round++) {
                writeEvents(w, round * 200L, round * 200L + 200);
                db.awaitIdle();
                db.checkpoint();
            }
            assertEquals(2, db.execute("SHOW CHECKPOINTS").rows().size());
        }
        try (var s = Files.list(tmp.resolve("db/wal/core-0"))) {
            long segments = s.count();
            assertTrue(segments < 10, "segments behind the oldest kept checkpoint are deleted, " + segments + " left");
        }
    }
}
