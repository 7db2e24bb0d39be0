package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * For random event streams whose disorder stays within the watermark delay (so no row is late), the windowed result
 * equals a brute-force computation over the sorted input — for TUMBLE, HOP and SESSION, on 1 or 2 cores, whatever
 * the batching.
 */
class WindowPropertyTest {
    private static final long DELAY = 3_000;

    @RepeatedTest(12)
    void windowedAggregatesEqualBruteForce(RepetitionInfo info) {
        long seed = 0x5eed + info.getCurrentRepetition();
        Random rnd = new Random(seed);
        int cores = 1 + rnd.nextInt(2);
        List<long[]> onTime = onTimeRows(rnd);
        String kind = switch (rnd.nextInt(3)) { case 0 -> "TUMBLE"; case 1 -> "HOP"; default -> "SESSION"; };
        String tvf = switch (kind) {
            case "TUMBLE" -> "TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '2' SECOND)";
            case "HOP" -> "HOP(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '3' SECOND)";
            default -> "SESSION(TABLE ev, DESCRIPTOR(ts), DESCRIPTOR(k), INTERVAL '0.7' SECOND)";
        };
        try (EngineHarness h = new EngineHarness(cores, """
                CREATE SOURCE ev (k BIGINT, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '3' SECOND);
                CREATE STREAM out AS SELECT k, window_start, window_end, COUNT(*) AS n, SUM(v) AS total, MAX(v) AS top
                  FROM TABLE(%s) GROUP BY k, window_start, window_end;
                """.formatted(tvf)).collect("out")) {
            SourceWriter w = h.db.writer("ev");
            for (int i = 0; i < onTime.size(); i++) {
                long[] r = onTime.get(i);
                w.write(r[0], r[1], Instant.ofEpochMilli(r[2]));
                if (rnd.nextInt(50) == 0) w.flush(); // vary batching
            }
            w.finish();
            List<String> expected = bruteForce(kind, onTime);
            assertEquals(expected, h.sorted("out"), kind + " seed=" + seed + " cores=" + cores);
        }
    }

    /** 200-1000 random (key, value, ts) rows in an arrival order where none is later than the watermark delay. */
    private static List<long[]> onTimeRows(Random rnd) {
        int n = 200 + rnd.nextInt(800);
        long[][] rows = new long[n][3]; // key, value, ts
        long base = 1_700_000_000_000L;
        for (int i = 0; i < n; i++) {
            long ideal = base + i * (50 + rnd.nextInt(200));
            rows[i][0] = rnd.nextInt(7);
            rows[i][1] = rnd.nextInt(1000);
            rows[i][2] = ideal + rnd.nextInt((int) DELAY); // shuffled within the delay: never late
        }
        // emit rows in an order where each row is at most DELAY behind the max seen so far
        List<long[]> arrival = new ArrayList<>(List.of(rows));
        arrival.sort((a, b) -> Long.compare(a[2] - rnd.nextInt(2), b[2]));
        long max = Long.MIN_VALUE;
        List<long[]> onTime = new ArrayList<>();
        for (long[] r : arrival) {
            if (r[2] >= max - DELAY) onTime.add(r);
            max = Math.max(max, r[2]);
        }
        return onTime;
    }

    /**
     * The SESSION table function without aggregation: every row comes out once, with the bounds of the session it
     * finally belongs to (sessions merge as later rows bridge them) — equal to sessions computed over the sorted rows.
     */
    @RepeatedTest(8)
    void sessionRowsEqualBruteForce(RepetitionInfo info) {
        long seed = 0x5e55 + info.getCurrentRepetition();
        Random rnd = new Random(seed);
        int cores = 1 + rnd.nextInt(2);
        List<long[]> onTime = onTimeRows(rnd);
        try (EngineHarness h = new EngineHarness(cores, """
                CREATE SOURCE ev (k BIGINT, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '3' SECOND);
                CREATE STREAM out AS SELECT k, v, window_start, window_end
                  FROM TABLE(SESSION(TABLE ev, DESCRIPTOR(ts), DESCRIPTOR(k), INTERVAL '0.7' SECOND));
                """).collect("out")) {
            SourceWriter w = h.db.writer("ev");
            for (long[] r : onTime) {
                w.write(r[0], r[1], Instant.ofEpochMilli(r[2]));
                if (rnd.nextInt(50) == 0) w.flush(); // vary batching
            }
            w.finish();
            List<long[]> sorted = new ArrayList<>(onTime);
            sorted.sort((a, b) -> Long.compare(a[2], b[2]));
            Map<Long, List<long[]>> byKey = new TreeMap<>();
            for (long[] r : sorted) byKey.computeIfAbsent(r[0], x -> new ArrayList<>()).add(r);
            List<String> expected = new ArrayList<>();
            for (List<long[]> keyRows : byKey.values()) {
                for (int i = 0; i < keyRows.size(); ) { // one session: rows until a gap longer than 0.7 s
                    int j = i + 1;
                    long end = keyRows.get(i)[2] + 700;
                    while (j < keyRows.size() && keyRows.get(j)[2] <= end) end = Math.max(end, keyRows.get(j++)[2] + 700);
                    String bounds = EngineHarness.value(Instant.ofEpochMilli(keyRows.get(i)[2])) + ", "
                            + EngineHarness.value(Instant.ofEpochMilli(end));
                    for (int k = i; k < j; k++) expected.add(keyRows.get(k)[0] + ", " + keyRows.get(k)[1] + ", " + bounds);
                    i = j;
                }
            }
            Collections.sort(expected);
            assertEquals(expected, h.sorted("out"), "seed=" + seed + " cores=" + cores);
        }
    }

    private static List<String> bruteForce(String kind, List<long[]> rows) {
        List<long[]> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> Long.compare(a[2], b[2]));
        // key "k|start|end" → {count, sum, max}
        Map<String, long[]> acc = new TreeMap<>();
        if (kind.equals("SESSION")) {
            Map<Long, List<long[]>> byKey = new TreeMap<>();
            for (long[] r : sorted) byKey.computeIfAbsent(r[0], x -> new ArrayList<>()).add(r);
            for (Map.Entry<Long, List<long[]>> e : byKey.entrySet()) {
                long start = Long.MIN_VALUE, end = Long.MIN_VALUE;
                long[] a = null;
                for (long[] r : e.getValue()) {
                    if (a == null || r[2] > end) { // a row exactly at the end still joins the session
                        if (a != null) acc.put(e.getKey() + "|" + start + "|" + end, a);
                        start = r[2];
                        a = new long[] {0, 0, Long.MIN_VALUE};
                    }
                    end = Math.max(end, r[2] + 700);
                    a[0]++;
                    a[1] += r[1];
                    a[2] = Math.max(a[2], r[1]);
                }
                acc.put(e.getKey() + "|" + start + "|" + end, a);
            }
        } else {
            long size = kind.equals("TUMBLE") ? 2000 : 3000, slide = kind.equals("TUMBLE") ? 2000 : 1000;
            for (long[] r : sorted) {
                for (long s = Math.floorDiv(r[2], slide) * slide; s > r[2] - size; s -= slide) {
                    long[] a = acc.computeIfAbsent(r[0] + "|" + s + "|" + (s + size), x -> new long[] {0, 0, Long.MIN_VALUE});
                    a[0]++;
                    a[1] += r[1];
                    a[2] = Math.max(a[2], r[1]);
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : acc.entrySet()) {
            String[] p = e.getKey().split("\\|");
            long[] a = e.getValue();
            out.add(p[0] + ", " + EngineHarness.value(Instant.ofEpochMilli(Long.parseLong(p[1]))) + ", "
                    + EngineHarness.value(Instant.ofEpochMilli(Long.parseLong(p[2]))) + ", " + a[0] + ", " + a[1] + ", " + a[2]);
        }
        Collections.sort(out);
        return out;
    }
}
