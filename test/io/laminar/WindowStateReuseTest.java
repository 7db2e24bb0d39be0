package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * A tumbling-window aggregate reuses the keys and states of windows it has evicted for the groups of later windows
 * (heap backend). Whatever a window held — string and NULL keys, distinct sets, string maxima, a group count that
 * rises and falls from window to window — the next window's groups start from scratch: over many consecutive windows
 * the results equal a brute-force computation.
 */
class WindowStateReuseTest {
    private static final String[] KEYS = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", null};
    private static final long BASE = 1_700_000_000_000L;

    @RepeatedTest(6)
    void reusedGroupsStartFromScratch(RepetitionInfo info) {
        long seed = 0x7e05e + info.getCurrentRepetition();
        Random rnd = new Random(seed);
        int cores = 1 + rnd.nextInt(2);
        List<Object[]> rows = rows(rnd);
        try (EngineHarness h = new EngineHarness(cores, """
                CREATE SOURCE ev (k VARCHAR, v BIGINT, name VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
                CREATE STREAM out AS SELECT k, window_end, COUNT(*) AS n, COUNT(DISTINCT v) AS dv, MAX(name) AS top,
                    MIN(v) AS low
                  FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY k, window_start, window_end;
                """).collect("out")) {
            SourceWriter w = h.db.writer("ev");
            for (Object[] r : rows) {
                w.write(r);
                if (rnd.nextInt(20) == 0) w.flush(); // windows close at varying points of a batch
            }
            w.finish();
            assertEquals(bruteForce(rows), h.sorted("out"), "seed=" + seed + " cores=" + cores);
        }
    }

    /** 40 one-second windows in order; each draws its rows from a random subset of the keys (NULL among them). */
    private static List<Object[]> rows(Random rnd) {
        List<Object[]> rows = new ArrayList<>();
        for (int window = 0; window < 40; window++) {
            int keys = 1 + rnd.nextInt(KEYS.length);
            int n = rnd.nextInt(60);
            for (int i = 0; i < n; i++) {
                long ts = BASE + window * 1000L + (long) i * 1000 / Math.max(n, 1);
                String k = KEYS[rnd.nextInt(keys)];
                rows.add(new Object[] {k, (long) rnd.nextInt(8), "n" + rnd.nextInt(30), Instant.ofEpochMilli(ts)});
            }
        }
        return rows;
    }

    private static List<String> bruteForce(List<Object[]> rows) {
        // (window end, key) -> the group's rows' values and names
        Map<String, List<Object[]>> groups = new TreeMap<>();
        for (Object[] r : rows) {
            long ts = ((Instant) r[3]).toEpochMilli();
            long end = ts - Math.floorMod(ts, 1000) + 1000;
            groups.computeIfAbsent(end + "|" + r[0], x -> new ArrayList<>()).add(r);
        }
        List<String> out = new ArrayList<>();
        for (List<Object[]> g : groups.values()) {
            Object[] first = g.get(0);
            long ts = ((Instant) first[3]).toEpochMilli();
            long end = ts - Math.floorMod(ts, 1000) + 1000;
            TreeSet<Long> distinct = new TreeSet<>();
            String top = null;
            long low = Long.MAX_VALUE;
            for (Object[] r : g) {
                distinct.add((Long) r[1]);
                low = Math.min(low, (Long) r[1]);
                String name = (String) r[2];
                if (top == null || name.compareTo(top) > 0) top = name;
            }
            out.add(String.join(", ", Objects.toString(first[0]), EngineHarness.value(Instant.ofEpochMilli(end)),
                    Integer.toString(g.size()), Integer.toString(distinct.size()), top, Long.toString(low)));
        }
        Collections.sort(out);
        return out;
    }
}
