package io.laminar.checkpoint;

import static io.laminar.checkpoint.DurableFixtures.open;
import static io.laminar.checkpoint.DurableFixtures.sortedLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.Laminar;
import io.laminar.SourceWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Joins and queries cut into several pipelines survive a checkpoint and a reopen: each stateful fragment is
 * snapshotted under its own name, barriers are aligned across both inputs of a join, and the sink output after
 * recovery equals one clean run's.
 */
class JoinRecoveryTest {
    @TempDir Path tmp;

    static String script(Path out) {
        return """
            CREATE SOURCE a (n BIGINT, k BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
            CREATE SOURCE b (n BIGINT, k BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
            CREATE STREAM pairs AS SELECT a.n AS an, b.n AS bn FROM a JOIN b
              ON a.k = b.k AND b.ts BETWEEN a.ts - INTERVAL '0.05' SECOND AND a.ts + INTERVAL '0.05' SECOND;
            CREATE STREAM per_key AS SELECT a.k, COUNT(*) AS pairs FROM a LEFT JOIN b
              ON a.k = b.k AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '0.1' SECOND GROUP BY a.k;
            CREATE STREAM latest AS SELECT a.n, b.n AS bn FROM a LEFT ASOF JOIN b MATCH_CONDITION(a.ts >= b.ts) ON a.k = b.k;
            CREATE SINK pairs_out FROM pairs INTO FILES (path = '%s');
            CREATE SINK keys_out FROM per_key INTO FILES (path = '%s');
            CREATE SINK latest_out FROM latest INTO FILES (path = '%s');
            """.formatted(out.resolve("pairs.jsonl"), out.resolve("keys.jsonl"), out.resolve("latest.jsonl"));
    }

    static void write(Laminar db, long from, long to, boolean finish) {
        try (SourceWriter a = db.writer("a"); SourceWriter b = db.writer("b")) {
            for (long n = from; n < to; n++) {
                a.write(n, n % 13, java.time.Instant.ofEpochMilli(n * 10));
                b.write(n, n % 7, java.time.Instant.ofEpochMilli(n * 10 + 5));
            }
            if (finish) {
                a.finish();
                b.finish();
            }
        }
        db.awaitIdle();
    }

    @Test void joinsRecoverToTheOutputOfOneCleanRun() throws Exception {
        Path clean = tmp.resolve("clean-out");
        try (Laminar db = open(tmp.resolve("clean"), 2)) {
            db.execute(script(clean));
            write(db, 0, 3000, true);
        }
        Path out = tmp.resolve("out");
        Path dir = tmp.resolve("db");
        try (Laminar db = open(dir, 2)) {
            db.execute(script(out));
            write(db, 0, 1000, false);
            db.checkpoint();
            write(db, 1000, 2000, false);
        }
        try (Laminar db = open(dir, 2)) {
            assertTrue(db.recoveryReport().isEmpty(), db.recoveryReport().toString());
            write(db, 2000, 3000, true);
        }
        for (String f : List.of("pairs.jsonl", "keys.jsonl", "latest.jsonl")) {
            List<String> expected = sortedLines(clean.resolve(f));
            assertTrue(expected.size() > 100, f + " has output");
            assertEquals(expected, sortedLines(out.resolve(f)), f);
        }
    }
}
