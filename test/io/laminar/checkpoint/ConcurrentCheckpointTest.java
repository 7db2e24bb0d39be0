package io.laminar.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.Config;
import io.laminar.Laminar;
import io.laminar.SourceWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints taken while two writers keep writing into a grouping spread over two cores. The writers' threads run
 * the cores' work themselves (inline execution), route rows to the other core in pooled exchange messages, and
 * during each barrier's alignment the receiving core holds back what arrives on a channel that is already past the
 * barrier. No row may be lost, counted twice or changed on the way: the final counts equal the rows written, and
 * after reopening the directory (the last checkpoint plus the write-ahead log) they still do.
 */
class ConcurrentCheckpointTest {
    private static final int ROWS_PER_WRITER = 60_000;
    private static final int KEYS = 97;

    @TempDir Path tmp;

    /** Two cores; the log is written but not fsynced (no crash here: reopening reads what the process wrote). */
    private static Laminar open(Path dir) {
        return Laminar.open(new Config().directory(dir).cores(2).fsync("none"));
    }

    @Test void checkpointsDuringConcurrentWritesLoseAndDuplicateNothing() throws Exception {
        Path dir = tmp.resolve("db");
        List<String> expected = expected();
        int checkpoints;
        try (Laminar db = open(dir)) {
            db.execute("""
                CREATE SOURCE a (k BIGINT, v BIGINT);
                CREATE SOURCE b (k BIGINT, v BIGINT);
                CREATE MATERIALIZED VIEW per_key AS
                  SELECT k, COUNT(*) AS n, SUM(v) AS total
                  FROM (SELECT k, v FROM a UNION ALL SELECT k, v FROM b) GROUP BY k;
                """);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Throwable> failures = new ArrayList<>();
            Thread wa = writer(db, "a", 0, failures);
            Thread wb = writer(db, "b", 1, failures);
            wa.start();
            wb.start();
            Thread stopper = Thread.ofPlatform().start(() -> {
                try {
                    wa.join();
                    wb.join();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                writing.set(false);
            });
            checkpoints = 0;
            while (writing.get()) {
                db.checkpoint();
                checkpoints++;
            }
            stopper.join();
            assertTrue(failures.isEmpty(), failures.toString());
            db.awaitIdle();
            assertEquals(expected, rows(db), "after " + checkpoints + " checkpoints taken during the writes");
        }
        assertTrue(checkpoints >= 2, "checkpoints overlapped the writes: " + checkpoints);
        try (Laminar db = open(dir)) {
            db.awaitIdle();
            assertEquals(expected, rows(db), "after reopening: the last checkpoint plus the write-ahead log");
        }
    }

    /** A thread writing rows {@code (i % KEYS, i * 2 + parity)} with a flush every few rows, of varying length. */
    private static Thread writer(Laminar db, String source, int parity, List<Throwable> failures) {
        return Thread.ofPlatform().unstarted(() -> {
            try (SourceWriter w = db.writer(source)) {
                for (int i = 0; i < ROWS_PER_WRITER; i++) {
                    w.write((long) (i % KEYS), (long) i * 2 + parity);
                    if (i % (7 + parity * 5) == 0) w.flush();
                }
                w.flush();
            } catch (Throwable t) {
                synchronized (failures) {
                    failures.add(t);
                }
            }
        });
    }

    private static List<String> expected() {
        TreeMap<Long, long[]> perKey = new TreeMap<>();
        for (int parity = 0; parity < 2; parity++) {
            for (int i = 0; i < ROWS_PER_WRITER; i++) {
                long[] acc = perKey.computeIfAbsent((long) (i % KEYS), k -> new long[2]);
                acc[0]++;
                acc[1] += (long) i * 2 + parity;
            }
        }
        List<String> out = new ArrayList<>();
        perKey.forEach((k, acc) -> out.add(k + " " + acc[0] + " " + acc[1]));
        return out;
    }

    private static List<String> rows(Laminar db) {
        List<String> out = new ArrayList<>();
        for (Object[] r : db.query("SELECT k, n, total FROM per_key ORDER BY k").rows()) {
            out.add(r[0] + " " + r[1] + " " + r[2]);
        }
        return out;
    }
}
