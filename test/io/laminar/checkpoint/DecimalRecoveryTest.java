package io.laminar.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.Config;
import io.laminar.Laminar;
import io.laminar.SourceWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DECIMAL columns held as scaled longs, with values inside and outside the long range, through the durable path:
 * rows before a checkpoint come back from the state snapshot, rows after it from WAL replay; aggregates (SUM, MIN,
 * MAX, GROUP BY a decimal) and a projected expression equal plain BigDecimal arithmetic.
 */
class DecimalRecoveryTest {
    @TempDir Path tmp;

    private static final String SCRIPT = """
            CREATE SOURCE t (k BIGINT, a DECIMAL(38, 2), b DECIMAL(20, 4), ts TIMESTAMP(3));
            CREATE MATERIALIZED VIEW per_key AS SELECT k, SUM(a) AS sa, MIN(b) AS mb, MAX(a) AS xa, COUNT(*) AS n
              FROM t GROUP BY k;
            CREATE MATERIALIZED VIEW per_amount AS SELECT a, COUNT(*) AS n FROM t GROUP BY a;
            CREATE STREAM sums AS SELECT k, SUM(a) AS sa FROM t GROUP BY k;
            CREATE MATERIALIZED VIEW overall AS SELECT COUNT(*) AS g, SUM(sa) AS total, MIN(sa) AS lo, MAX(sa) AS hi
              FROM sums;
            CREATE MATERIALIZED VIEW top2 AS SELECT k, a FROM (
              SELECT k, a, ROW_NUMBER() OVER (PARTITION BY k ORDER BY a DESC) AS rn FROM t WHERE a IS NOT NULL)
              WHERE rn <= 2;
            CREATE SINK raw_out FROM (SELECT k, a * 3 + b AS c FROM t) INTO FILES (path = '%s');
            """;

    record Row(long k, BigDecimal a, BigDecimal b) {}

    static List<Row> rows(int n) {
        Random rnd = new Random(99);
        List<Row> out = new ArrayList<>();
        BigDecimal[] amounts = new BigDecimal[40]; // repeated, so GROUP BY a has groups of several rows
        for (int i = 0; i < amounts.length; i++) {
            BigInteger u = i % 3 == 0 ? new BigInteger(70 + rnd.nextInt(40), rnd) : BigInteger.valueOf(rnd.nextInt(1_000_000) - 500_000);
            amounts[i] = new BigDecimal(i % 2 == 0 ? u : u.negate(), 2);
        }
        for (int i = 0; i < n; i++) {
            BigDecimal a = rnd.nextInt(10) == 0 ? null : amounts[rnd.nextInt(amounts.length)];
            BigDecimal b = rnd.nextInt(10) == 0 ? null
                    : new BigDecimal(rnd.nextBoolean() ? BigInteger.valueOf(rnd.nextInt())
                            : new BigInteger(62 + rnd.nextInt(4), rnd), 4); // some beyond a long (DECIMAL(20, 4) holds them)
            out.add(new Row(rnd.nextInt(7), a, b));
        }
        return out;
    }

    private static void write(SourceWriter w, List<Row> rows) {
        for (Row r : rows) w.write(r.k, r.a, r.b, Instant.ofEpochMilli(1_000));
    }

    @Test void snapshotAndWalReplayKeepDecimalsInsideAndOutsideTheLongRange() throws Exception {
        List<Row> all = rows(4000);
        Path dir = tmp.resolve("db"), out = tmp.resolve("raw.jsonl");
        try (Laminar db = Laminar.open(new Config().directory(dir).cores(2))) {
            db.execute(SCRIPT.formatted(out));
            try (SourceWriter w = db.writer("t")) {
                write(w, all.subList(0, 2000));
                db.awaitIdle();
                assertEquals(1, db.checkpoint());
                write(w, all.subList(2000, 4000)); // only in the WAL
            }
        }
        try (Laminar db = Laminar.open(new Config().directory(dir).cores(2))) {
            assertTrue(db.recoveryReport().isEmpty(), db.recoveryReport().toString());
            db.awaitIdle();
            // per key: SUM(a), MIN(b), MAX(a), COUNT(*)
            Map<Long, Object[]> expected = new TreeMap<>();
            for (Row r : all) {
                Object[] e = expected.computeIfAbsent(r.k, k -> new Object[] {k, null, null, null, 0L});
                if (r.a != null) e[1] = e[1] == null ? r.a : ((BigDecimal) e[1]).add(r.a);
                if (r.b != null && (e[2] == null || r.b.compareTo((BigDecimal) e[2]) < 0)) e[2] = r.b;
                if (r.a != null && (e[3] == null || r.a.compareTo((BigDecimal) e[3]) > 0)) e[3] = r.a;
                e[4] = (Long) e[4] + 1;
            }
            Map<Long, String> actual = new TreeMap<>();
            for (Object[] row : db.query("SELECT k, sa, mb, xa, n FROM per_key").rows()) actual.put((Long) row[0], text(row));
            Map<Long, String> want = new TreeMap<>();
            expected.forEach((k, e) -> want.put(k, text(e)));
            assertEquals(want, actual);

            Map<String, Long> perAmount = new TreeMap<>();
            for (Row r : all) perAmount.merge(r.a == null ? "null" : r.a.toPlainString(), 1L, Long::sum);
            Map<String, Long> gotPerAmount = new TreeMap<>();
            for (Object[] row : db.query("SELECT a, n FROM per_amount").rows()) {
                gotPerAmount.put(row[0] == null ? "null" : ((BigDecimal) row[0]).toPlainString(), (Long) row[1]);
            }
            assertEquals(perAmount, gotPerAmount);

            // over the changelog of the per-key sums: retracting SUM, MIN, MAX of decimals
            BigDecimal total = null, lo = null, hi = null;
            for (Object[] e : expected.values()) {
                BigDecimal sa = (BigDecimal) e[1];
                if (sa == null) continue;
                total = total == null ? sa : total.add(sa);
                lo = lo == null || sa.compareTo(lo) < 0 ? sa : lo;
                hi = hi == null || sa.compareTo(hi) > 0 ? sa : hi;
            }
            List<Object[]> overall = db.query("SELECT g, total, lo, hi FROM overall").rows();
            assertEquals(1, overall.size());
            assertEquals(text(new Object[] {(long) expected.size(), total, lo, hi}), text(overall.get(0)));

            // top-N ordered by a decimal, spilled values among them
            Map<Long, List<String>> top = new TreeMap<>(), gotTop = new TreeMap<>();
            for (Row r : all) if (r.a != null) top.computeIfAbsent(r.k, k -> new ArrayList<>()).add(r.a.toPlainString());
            top.replaceAll((k, l) -> l.stream().map(BigDecimal::new).sorted(java.util.Comparator.reverseOrder())
                    .limit(2).map(BigDecimal::toPlainString).toList());
            for (Object[] row : db.query("SELECT k, a FROM top2").rows()) {
                gotTop.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add(((BigDecimal) row[1]).toPlainString());
            }
            gotTop.replaceAll((k, l) -> l.stream().map(BigDecimal::new).sorted(java.util.Comparator.reverseOrder())
                    .map(BigDecimal::toPlainString).toList());
            assertEquals(top, gotTop);
        }
        // the sink saw every row once: a * 3 + b at the result's scale
        Map<String, Integer> want = new HashMap<>(), got = new HashMap<>();
        for (Row r : all) {
            BigDecimal c = r.a == null || r.b == null ? null
                    : r.a.multiply(BigDecimal.valueOf(3)).add(r.b).setScale(4, RoundingMode.HALF_UP);
            want.merge("{\"k\":" + r.k + ",\"c\":" + (c == null ? "null" : c.toPlainString()) + "}", 1, Integer::sum);
        }
        for (String line : Files.readAllLines(out)) got.merge(line, 1, Integer::sum);
        assertEquals(want, got);
    }

    /** A row as text, decimals compared by value at their printed scale. */
    private static String text(Object[] row) {
        StringBuilder sb = new StringBuilder();
        for (Object v : row) sb.append(v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(v)).append('|');
        return sb.toString();
    }
}
