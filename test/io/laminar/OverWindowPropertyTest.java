package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Property test: OVER windows over random bids — several auctions, ties in time, disorder inside the watermark delay
 * — give exactly what a brute-force computation over each partition sorted by (time, arrival) gives, on two cores.
 */
class OverWindowPropertyTest {
    static final String QUERY = """
        CREATE STREAM o AS SELECT bidder,
            ROW_NUMBER() OVER w AS rn, RANK() OVER w AS r, DENSE_RANK() OVER w AS dr,
            LAG(price, 2) OVER w AS lag2, LEAD(price) OVER w AS lead1,
            SUM(price) OVER r3 AS sum_r3,
            MIN(price) OVER r3 AS min_r3,
            COUNT(*) OVER s1 AS n_1s,
            MAX(price) OVER s1 AS max_1s,
            SUM(price) OVER (PARTITION BY auction ORDER BY ts RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run_sum,
            FIRST_VALUE(bidder) OVER (PARTITION BY auction ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS first_r2
          FROM bids WINDOW w AS (PARTITION BY auction ORDER BY ts),
            r3 AS (PARTITION BY auction ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW),
            s1 AS (PARTITION BY auction ORDER BY ts RANGE BETWEEN INTERVAL '1' SECOND PRECEDING AND CURRENT ROW);
        """;

    record Bid(long auction, long id, long price, long ts) {}

    @Test void randomDisorderedInputMatchesBruteForce() {
        for (long seed = 1; seed <= 6; seed++) {
            Random rnd = new Random(seed);
            List<Bid> bids = new ArrayList<>();
            for (int i = 0; i < Integer.getInteger("over.n", 300); i++) {
                // at most 1.5 s behind the latest time: always on time for the 2 s watermark delay; 500 ms steps make ties
                long ts = (i * 300L + rnd.nextInt(1500)) / 500 * 500;
                bids.add(new Bid(1 + rnd.nextInt(3), i, rnd.nextInt(50), ts));
            }
            try (EngineHarness h = new EngineHarness(2, StreamingSemanticsTest.BIDS + QUERY).collect("o")) {
                SourceWriter w = h.db.writer("bids");
                for (Bid b : bids) {
                    w.write(new Object[] {b.auction, b.id, b.price, java.time.Instant.ofEpochMilli(1_700_000_000_000L + b.ts)});
                    if (rnd.nextInt(20) == 0) w.flush(); // batch boundaries must not matter
                }
                w.finish();
                List<String> expected = bruteForce(bids), actual = h.sorted("o");
                if (!expected.equals(actual)) {
                    List<String> missing = new ArrayList<>(expected), extra = new ArrayList<>(actual);
                    missing.removeAll(actual);
                    extra.removeAll(expected);
                    assertEquals(String.join("\n", missing), String.join("\n", extra),
                            "seed " + seed + ": expected rows (left) vs produced rows (right)");
                }
            }
        }
    }

    static List<String> bruteForce(List<Bid> bids) {
        TreeMap<Long, List<Bid>> parts = new TreeMap<>();
        for (Bid b : bids) parts.computeIfAbsent(b.auction, k -> new ArrayList<>()).add(b);
        List<String> out = new ArrayList<>();
        for (List<Bid> p : parts.values()) {
            p.sort(Comparator.comparingLong(Bid::ts)); // stable: ties keep arrival order
            for (int i = 0; i < p.size(); i++) {
                Bid b = p.get(i);
                long rank = 1, sumR3 = 0, minR3 = Long.MAX_VALUE, n1s = 0, max1s = Long.MIN_VALUE, running = 0;
                java.util.Set<Long> times = new java.util.HashSet<>();
                for (int j = 0; j < p.size(); j++) {
                    Bid o = p.get(j);
                    if (o.ts < b.ts) rank++;
                    if (o.ts <= b.ts) {
                        times.add(o.ts);
                        running += o.price;
                    }
                    if (o.ts >= b.ts - 1000 && o.ts <= b.ts) {
                        n1s++;
                        max1s = Math.max(max1s, o.price);
                    }
                    if (j >= i - 3 && j <= i) {
                        sumR3 += o.price;
                        minR3 = Math.min(minR3, o.price);
                    }
                }
                out.add(String.join(", ", List.of(String.valueOf(b.id), String.valueOf(i + 1), String.valueOf(rank),
                        String.valueOf(times.size()), i >= 2 ? String.valueOf(p.get(i - 2).price) : "null",
                        i + 1 < p.size() ? String.valueOf(p.get(i + 1).price) : "null", String.valueOf(sumR3),
                        String.valueOf(minR3), String.valueOf(n1s), String.valueOf(max1s), String.valueOf(running),
                        String.valueOf(p.get(Math.max(0, i - 2)).id))));
            }
        }
        Collections.sort(out);
        return out;
    }
}
