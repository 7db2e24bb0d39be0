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
            CREATE SOURCE u (k BIGINT, n BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND,
              PRIMARY KEY (k));
            CREATE STREAM u_sum AS SELECT MOD(k, 3) AS g, SUM(n) AS total, COUNT(*) AS c FROM u GROUP BY MOD(k, 3);
            CREATE STREAM versioned AS SELECT a.n, u.n AS un FROM a LEFT JOIN u FOR SYSTEM_TIME AS OF a.ts AS u ON a.k = u.k;
            CREATE SINK u_sum_out FROM u_sum INTO FILES (path = '%s');
            CREATE SINK versioned_out FROM versioned INTO FILES (path = '%s');
            CREATE SINK pairs_out FROM pairs INTO FILES (path = '%s');
            CREATE SINK keys_out FROM per_key INTO FILES (path = '%s');
            CREATE SINK latest_out FROM latest INTO FILES (path = '%s');
            """.formatted(out.resolve("u_sum.jsonl"), out.resolve("versioned.jsonl"), out.resolve("pairs.jsonl"), out.resolve("keys.jsonl"), out.resolve("latest.jsonl"));
    }

    static void write(Laminar db, long from, long to, boolean finish) {
        try (SourceWriter a = db.writer("a"); SourceWriter b = db.writer("b"); SourceWriter u = db.writer("u")) {
            for (long n = from; n < to; n++) {
                a.write(n, n % 13, java.time.Instant.ofEpochMilli(n * 10));
                b.write(n, n % 7, java.time.Instant.ofEpochMilli(n * 10 + 5));
                u.write(n % 17, n % 5 == 0 ? null : n, java.time.Instant.ofEpochMilli(n * 10 + 3)); // null: a delete
            }
            if (finish) {
                a.finish();
                b.finish();
                u.finish();
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
        for (String f : List.of("pairs.jsonl", "keys.jsonl", "latest.jsonl", "versioned.jsonl")) {
            List<String> expected = sortedLines(clean.resolve(f));
            assertTrue(expected.size() > 100, f + " has output");
            assertEquals(expected, sortedLines(out.resolve(f)), f);
        }
        // groups fed by both cores interleave their changes differently in every run: compare the final state
        List<String> expected = finalState(sortedLines(clean.resolve("u_sum.jsonl")), clean);
        assertEquals(3, expected.size(), expected.toString());
        assertEquals(expected, finalState(sortedLines(out.resolve("u_sum.jsonl")), out));
    }

    /** The rows a changelog file leaves when applied ({@code _op} +I/+U add a row, -U/-D take it away). */
    static List<String> finalState(List<String> lines, Path where) {
        java.util.Map<String, Integer> rows = new java.util.TreeMap<>();
        for (String line : lines) {
            String row = line.replaceFirst("\\{\"_op\":\"[-+][IUD]\",", "{");
            rows.merge(row, line.contains("\"_op\":\"+") ? 1 : -1, Integer::sum);
        }
        List<String> state = new java.util.ArrayList<>();
        rows.forEach((row, n) -> {
            assertTrue(n >= 0, "more retractions than rows for " + row + " in " + where);
            for (int i = 0; i < n; i++) state.add(row);
        });
        return state;
    }
}
