package io.laminar.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property: on random batches (random NULLs, numbers around zero, short strings, timestamps either side of the
 * epoch, random row kinds), a compiled kernel and the interpreter produce the same rows, the same row kinds and
 * the same runtime errors, for every query below.
 */
class DifferentialPropertyTest {
    static final Schema SCHEMA = Schema.of(
            new Field("i", ColumnType.INTEGER), new Field("l", ColumnType.BIGINT), new Field("d", ColumnType.DOUBLE),
            new Field("m", ColumnType.DECIMAL, true, 10, 2), new Field("s", ColumnType.VARCHAR),
            new Field("ts", ColumnType.TIMESTAMP), new Field("dt", ColumnType.DATE), new Field("b", ColumnType.BOOLEAN));

    static final List<String> QUERIES = List.of(
            "SELECT i + l, i * 3 - l, d * 2.5 + i, m * i, m + d, -m, ABS(i) FROM t WHERE i > l OR d < 0",
            "SELECT i / 3, MOD(l, 7), m / 4, d / 3 FROM t WHERE b IS NOT FALSE",
            "SELECT CASE WHEN i > 0 THEN l WHEN i < 0 THEN -l END, COALESCE(i, l, 0), NULLIF(i, 1), "
                    + "CASE WHEN l <> 0 THEN i / l ELSE 0 END FROM t",
            "SELECT b AND i > 0, b OR l < 0, NOT b, (i > 0) IS UNKNOWN, i IS DISTINCT FROM l, b IS NOT TRUE FROM t",
            "SELECT i IN (0, 1, 2, -1), l NOT IN (3, 4), i BETWEEN -2 AND 2, s IN ('a', 'ab', '') FROM t",
            "SELECT UPPER(s), LOWER(s), s || '|' || s, CHAR_LENGTH(s), SUBSTRING(s FROM 2 FOR 2), TRIM(s), "
                    + "POSITION('b' IN s), REPLACE(s, 'a', 'xy'), INITCAP(s), CHAR_LENGTH(REPLACE(s, 'a', '')) FROM t WHERE s LIKE '%b%' OR s LIKE 'A_%' OR s IS NULL",
            "SELECT s, s < 'b', s = 'ab', LPAD(s, 4, '*'), RPAD(s, 3, '-') FROM t WHERE s NOT LIKE 'x!%%' ESCAPE '!'",
            "SELECT EXTRACT(YEAR FROM ts), EXTRACT(MONTH FROM ts), EXTRACT(DOW FROM ts), EXTRACT(HOUR FROM ts), "
                    + "EXTRACT(MILLISECOND FROM ts), FLOOR(ts TO DAY), CEIL(ts TO MINUTE), FLOOR(ts TO MONTH) FROM t",
            "SELECT ts + INTERVAL '1' HOUR, ts - INTERVAL '2' MONTH, dt + INTERVAL '3' DAY, dt - INTERVAL '1' YEAR, "
                    + "(ts - TIMESTAMP '2000-01-01 00:00:00') SECOND, CAST(ts AS DATE), CAST(dt AS TIMESTAMP) FROM t "
                    + "WHERE ts > TIMESTAMP '1969-06-01 00:00:00'",
            "SELECT CAST(i AS DOUBLE), CAST(d AS INTEGER), CAST(m AS BIGINT), CAST(l AS DECIMAL(12, 3)), "
                    + "CAST(d AS DECIMAL(12, 1)), CAST(i AS VARCHAR), CAST(ts AS VARCHAR), CAST(s AS VARCHAR(2)), CAST(b AS VARCHAR) FROM t",
            "SELECT FLOOR(d), CEIL(m), ROUND(d, 1), ROUND(m, 1), TRUNCATE(d, 0), SIGN(l), POWER(d, 2), SQRT(ABS(d)) FROM t",
            "SELECT i, l FROM t WHERE i + 1 > 0 AND (i + 1) * 2 < 9 AND (i + 1) <> l",
            "SELECT 100 / i FROM t WHERE b");

    @TestFactory
    Stream<DynamicTest> compiledEqualsInterpreted() {
        return QUERIES.stream().map(q -> DynamicTest.dynamicTest(q, () -> check(q, q.hashCode())));
    }

    private static void check(String sql, long seed) {
        CalcTestSupport.Planned p = CalcTestSupport.plan(SCHEMA, sql);
        CalcProgram compiled = p.compile();
        assertFalse(compiled.interpreted(), () -> sql + ": " + compiled.fallbackReason());
        CalcProgram interpreted = CalcCompiler.interpret(p.program(), p.input(), p.output());
        CalcKernel ck = compiled.newKernel(), ik = interpreted.newKernel();
        Random rnd = new Random(seed);
        for (int round = 0; round < 30; round++) {
            Batch in = randomBatch(rnd, 1 + rnd.nextInt(300));
            Batch co = new Batch(p.output(), 1 + rnd.nextInt(4)), io = new Batch(p.output(), 1);
            String ce = run(ck, in, co), ie = run(ik, in, io);
            int r = round;
            assertEquals(ie, ce, () -> sql + " round " + r + ": errors differ\n" + compiled.source());
            assertEquals(CalcTestSupport.rows(io), CalcTestSupport.rows(co), () -> sql + " round " + r + "\n" + compiled.source());
            for (int k = 0; k < co.size; k++) assertEquals(io.ops[k], co.ops[k]);
        }
    }

    private static String run(CalcKernel k, Batch in, Batch out) {
        try {
            k.process(in, out);
            return null;
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    static Batch randomBatch(Random rnd, int n) {
        Batch b = new Batch(SCHEMA, n);
        String[] strings = {"", "a", "ab", "Ab c", "b", "xyz", "x%y", "  a b  ", "Ünï"};
        for (int r = 0; r < n; r++) {
            int row = b.addRow((byte) rnd.nextInt(4));
            b.setValue(0, row, maybe(rnd, rnd.nextInt(11) - 5));
            b.setValue(1, row, maybe(rnd, (long) rnd.nextInt(21) - 10));
            b.setValue(2, row, maybe(rnd, rnd.nextInt(5) == 0 ? 0.0 : Math.round(rnd.nextGaussian() * 1000) / 100.0));
            b.setValue(3, row, maybe(rnd, BigDecimal.valueOf(rnd.nextInt(20001) - 10000, 2)));
            b.setValue(4, row, maybe(rnd, strings[rnd.nextInt(strings.length)]));
            b.setValue(5, row, maybe(rnd, java.time.Instant.ofEpochMilli(rnd.nextLong(-400L * 86_400_000L, 20_000L * 86_400_000L))));
            b.setValue(6, row, maybe(rnd, java.time.LocalDate.ofEpochDay(rnd.nextInt(40_000) - 10_000)));
            b.setValue(7, row, maybe(rnd, rnd.nextBoolean()));
        }
        assertEquals(n, b.size);
        assert RowKind.INSERT == 0;
        return b;
    }

    private static Object maybe(Random rnd, Object v) {
        return rnd.nextInt(6) == 0 ? null : v;
    }
}
