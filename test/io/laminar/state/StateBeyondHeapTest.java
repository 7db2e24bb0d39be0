package io.laminar.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.Config;
import io.laminar.Laminar;
import io.laminar.SourceWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State larger than the heap budget: the RocksDB backend keeps at most {@code stateCacheEntries} values live per
 * operator instance; here 60 000 groups go through a budget of 500, and every group's result is still exact.
 */
class StateBeyondHeapTest {
    @TempDir Path tmp;

    @Test void anAggregateOverMoreKeysThanTheHeapBudgetIsExact() throws Exception {
        int keys = 60_000;
        Path out = tmp.resolve("totals.jsonl");
        try (Laminar db = Laminar.open(new Config().cores(2).stateBackend("rocksdb").stateCacheEntries(500))) {
            db.execute("CREATE SOURCE s (k BIGINT, v BIGINT);"
                    + "CREATE STREAM totals AS SELECT k, COUNT(*) AS c, SUM(v) AS total FROM s GROUP BY k;"
                    + "CREATE SINK t FROM totals INTO FILES (path = '" + out + "')");
            try (SourceWriter w = db.writer("s")) {
                for (int round = 1; round <= 3; round++) {
                    for (long k = 0; k < keys; k++) w.write(k, k * round);
                }
            }
            db.awaitIdle();
            assertEquals(keys, db.database().pipelineOf("totals").stateSize());
        }
        Map<Long, String> last = new HashMap<>();
        for (String line : Files.readAllLines(out)) {
            if (line.contains("\"-U\"")) continue;
            long k = Long.parseLong(line.substring(line.indexOf("\"k\":") + 4, line.indexOf(",\"c\"")));
            last.put(k, line);
        }
        assertEquals(keys, last.size());
        for (long k : List.of(0L, 1L, 499L, 500L, 31_337L, keys - 1L)) {
            assertTrue(last.get(k).contains("\"c\":3,\"total\":" + (k * 6)), last.get(k)); // k*1 + k*2 + k*3
        }
    }

    @Test void rocksDbStateIsCheckpointedAndRestoredOnReopen() throws Exception {
        Path dir = tmp.resolve("db");
        Path out = tmp.resolve("totals.jsonl");
        Config cfg = new Config().directory(dir).cores(2).stateBackend("rocksdb").stateCacheEntries(10);
        String script = "CREATE SOURCE s (k BIGINT, v BIGINT);"
                + "CREATE STREAM totals AS SELECT k, COUNT(*) AS c FROM s GROUP BY k;"
                + "CREATE SINK t FROM totals INTO FILES (path = '" + out + "')";
        try (Laminar db = Laminar.open(cfg)) {
            db.execute(script);
            try (SourceWriter w = db.writer("s")) {
                for (long k = 0; k < 1000; k++) w.write(k, 1L);
            }
        }
        try (Laminar db = Laminar.open(cfg)) {
            db.execute(script); // matched against the catalog log: nothing is created twice
            try (SourceWriter w = db.writer("s")) {
                for (long k = 0; k < 1000; k++) w.write(k, 1L);
            }
            db.awaitIdle();
            assertEquals(1000, db.database().pipelineOf("totals").stateSize());
        }
        long secondCounts = Files.readAllLines(out).stream().filter(l -> l.contains("\"+U\"") && l.contains("\"c\":2")).count();
        assertEquals(1000, secondCounts, "every key continued from its restored count");
    }
}
