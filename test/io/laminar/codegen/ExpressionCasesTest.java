package io.laminar.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A table of expressions with their expected values on three rows — ordinary values, all NULL, and negative /
 * edge values — each run compiled AND interpreted (the two must agree, and match the expectation).
 */
class ExpressionCasesTest {
    static final Schema SCHEMA = Schema.of(
            new Field("i", ColumnType.INTEGER), new Field("l", ColumnType.BIGINT), new Field("d", ColumnType.DOUBLE),
            new Field("m", ColumnType.DECIMAL, true, 10, 2), new Field("s", ColumnType.VARCHAR),
            new Field("ts", ColumnType.TIMESTAMP), new Field("dt", ColumnType.DATE), new Field("tm", ColumnType.TIME),
            new Field("b", ColumnType.BOOLEAN));

    static final Object[][] ROWS = {
        {5, 7L, 2.5, new BigDecimal("3.25"), "abc", Instant.parse("2024-03-15T10:20:30.123Z"), LocalDate.of(2024, 3, 15),
            LocalTime.of(10, 20, 30), true},
        {null, null, null, null, null, null, null, null, null},
        {-3, 0L, -1.5, new BigDecimal("-1.50"), "Hello World", Instant.parse("1969-12-31T23:59:59.999Z"),
            LocalDate.of(1969, 12, 31), LocalTime.of(0, 0), false},
    };

    private static Object[] c(String expr, Object r0, Object r1, Object r2) {
        return new Object[] {expr, r0, r1, r2};
    }

    private static BigDecimal dec(String s) { return new BigDecimal(s); }
    private static Instant ts(String s) { return Instant.parse(s); }

    static final Object[][] CASES = {
        // arithmetic: integers (truncating division), double, decimal, mixed
        c("i + 1", 6, null, -2),
        c("l * 2 - i", 9L, null, 3L),
        c("i / 2", 2, null, -1),
        c("MOD(i, 3)", 2, null, 0),
        c("MOD(l, 4)", 3, null, 0),
        c("-i", -5, null, 3),
        c("d / 2", 1.25, null, -0.75),
        c("d * i", 12.5, null, 4.5),
        c("m * 2", dec("6.50"), null, dec("-3.00")),
        c("m + 1", dec("4.25"), null, dec("-0.50")),
        c("m / 3", dec("1.083333"), null, dec("-0.500000")),
        c("m + d", 5.75, null, -3.0),
        c("-m", dec("-3.25"), null, dec("1.50")),
        c("i + l + 0.5", dec("12.5"), null, dec("-2.5")),
        // comparisons
        c("i > 3", true, null, false),
        c("i <> l", true, null, true),
        c("d >= 2.5", true, null, false),
        c("m = 3.25", true, null, false),
        c("m < i", true, null, false),
        c("s = 'abc'", true, null, false),
        c("s < 'b'", true, null, true),
        c("ts > TIMESTAMP '2024-01-01 00:00:00'", true, null, false),
        c("dt = DATE '2024-03-15'", true, null, false),
        c("tm < TIME '10:00:00'", false, null, true),
        c("b = TRUE", true, null, false),
        // three-valued logic
        c("b AND i > 0", true, null, false),
        c("b OR i > 0", true, null, false),
        c("NOT b", false, null, true),
        c("(i > 0) OR (l > 100)", true, null, false),
        c("i IS NULL", false, true, false),
        c("s IS NOT NULL", true, false, true),
        c("b IS TRUE", true, false, false),
        c("b IS NOT TRUE", false, true, true),
        c("b IS FALSE", false, false, true),
        c("b IS NOT FALSE", true, true, false),
        c("i IS DISTINCT FROM 5", false, true, true),
        c("i IS NOT DISTINCT FROM l", false, true, false),
        c("(i > 0 AND d > 0) IS UNKNOWN", false, true, false),
        // CASE, COALESCE, NULLIF
        // Calcite types the CASE as CHAR(5): shorter literals are blank-padded
        c("CASE WHEN i > 0 THEN 'pos' WHEN i < 0 THEN 'neg' ELSE 'other' END", "pos  ", "other", "neg  "),
        c("CASE i WHEN 5 THEN 50 ELSE 0 END", 50, 0, 0),
        c("CASE WHEN l <> 0 THEN i / l END", 0L, null, null),
        c("COALESCE(i, 0)", 5, 0, -3),
        c("COALESCE(s, 'none')", "abc", "none", "Hello World"),
        c("NULLIF(i, 5)", null, null, -3),
        // SEARCH / Sarg
        c("i IN (1, 5, 7)", true, null, false),
        c("i NOT IN (1, 2)", true, null, true),
        c("i BETWEEN -5 AND 0", false, null, true),
        c("s IN ('abc', 'x')", true, null, false),
        c("i + 1 IN (6, -2)", true, null, true),
        // LIKE / SIMILAR TO
        c("s LIKE 'a%'", true, null, false),
        c("s LIKE '%o W%'", false, null, true),
        c("s LIKE '%c'", true, null, false),
        c("s LIKE 'abc'", true, null, false),
        c("s LIKE 'H_llo%'", false, null, true),
        c("s NOT LIKE 'a%'", false, null, true),
        c("s LIKE 'a!%' ESCAPE '!'", false, null, false),
        c("s SIMILAR TO '(a|H)%'", true, null, true),
        c("s ILIKE 'hello%'", false, null, true),
        // strings
        c("UPPER(s)", "ABC", null, "HELLO WORLD"),
        c("LOWER(s)", "abc", null, "hello world"),
        c("INITCAP('hello wORLD')", "Hello World", "Hello World", "Hello World"),
        c("TRIM(BOTH 'a' FROM s)", "bc", null, "Hello World"),
        c("TRIM(TRAILING 'd' FROM s)", "abc", null, "Hello Worl"),
        c("TRIM('  x  ')", "x", "x", "x"),
        c("SUBSTRING(s FROM 2 FOR 3)", "bc", null, "ell"),
        c("SUBSTRING(s FROM 7)", "", null, "World"),
        c("CHAR_LENGTH(s)", 3, null, 11),
        c("CHARACTER_LENGTH(s)", 3, null, 11),
        c("s || '!'", "abc!", null, "Hello World!"),
        c("CONCAT(s, '-', s)", "abc-abc", null, "Hello World-Hello World"),
        c("POSITION('l' IN s)", 0, null, 3),
        c("REPLACE(s, 'l', 'L')", "abc", null, "HeLLo WorLd"),
        c("CHAR_LENGTH(s) - CHAR_LENGTH(REPLACE(s, 'l', ''))", 0, null, 3),
        c("CHAR_LENGTH(REPLACE(s, 'lo', ''))", 3, null, 9),
        c("CHAR_LENGTH(REPLACE(s, '', ''))", 3, null, 11),
        c("LPAD(s, 5, 'x')", "xxabc", null, "Hello"),
        c("RPAD(s, 5, '.')", "abc..", null, "Hello"),
        c("REGEXP_REPLACE(s, 'l+', 'L')", "abc", null, "HeLo WorLd"),
        // Flink's string/time functions: NULL in -> NULL out; no match / out of range -> NULL
        c("REGEXP_EXTRACT(s, '([a-z])([a-z])', 2)", "b", null, "l"),
        c("REGEXP_EXTRACT(s, 'W(or)')", null, null, "Wor"),
        c("REGEXP_EXTRACT(s, 'o(x)?', 1)", null, null, null),
        c("REGEXP_EXTRACT(s, 'l+', 3)", null, null, null),
        c("REGEXP_EXTRACT(s, s)", "abc", null, "Hello World"),
        c("REGEXP_EXTRACT('https://x.org/?a=1&channel_id=42&b=2', '(&|^)channel_id=([^&]*)', 2)", "42", "42", "42"),
        c("SPLIT_INDEX(s, 'l', 0)", "abc", null, "He"),
        c("SPLIT_INDEX(s, 'l', 1)", null, null, ""),
        c("SPLIT_INDEX(s, 'l', 3)", null, null, "d"),
        c("SPLIT_INDEX(s, 'l', 4)", null, null, null),
        c("SPLIT_INDEX(s, ' ', -1)", null, null, null),
        c("SPLIT_INDEX(s, 'lo W', 1)", null, null, "orld"),
        c("DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm')", "2024-03-15 10:20", null, "1969-12-31 23:59"),
        c("DATE_FORMAT(ts, 'HH:mm:ss.SSS')", "10:20:30.123", null, "23:59:59.999"),
        c("DATE_FORMAT(ts, CAST(NULL AS VARCHAR))", null, null, null),
        c("DATE_FORMAT(ts, SUBSTRING('yyyy-MM-dd', 1, 4))", "2024", null, "1969"),
        c("DATE_FORMAT('2024-03-15 10:20:30', 'yyyy/MM/dd')", "2024/03/15", "2024/03/15", "2024/03/15"),
        c("CONCAT_WS('-', s, 'x', s)", "abc-x-abc", "x", "Hello World-x-Hello World"),
        c("CONCAT_WS(s, 'a', 'b')", "aabcb", null, "aHello Worldb"),
        c("CONCAT_WS('-', CAST(NULL AS VARCHAR), s)", "abc", "", "Hello World"),
        // math
        c("ABS(i)", 5, null, 3),
        c("ABS(m)", dec("3.25"), null, dec("1.50")),
        c("FLOOR(d)", 2.0, null, -2.0),
        c("CEIL(d)", 3.0, null, -1.0),
        c("FLOOR(m)", dec("3"), null, dec("-2")),
        c("CEIL(m)", dec("4"), null, dec("-1")),
        c("ROUND(d)", 3.0, null, -2.0),
        c("ROUND(m, 1)", dec("3.30"), null, dec("-1.50")),
        c("ROUND(l, -1)", 10L, null, 0L),
        c("TRUNCATE(d, 0)", 2.0, null, -1.0),
        c("POWER(d, 2)", 6.25, null, 2.25),
        c("SQRT(i + 4)", 3.0, null, 1.0),
        c("EXP(0)", 1.0, 1.0, 1.0),
        c("LN(EXP(d))", 2.5, null, -1.5),
        c("LOG10(l + 3)", 1.0, null, Math.log10(3)),
        c("SIGN(i)", 1, null, -1),
        c("SIGN(d)", 1.0, null, -1.0),
        // casts
        c("CAST(i AS DECIMAL(10, 2))", dec("5.00"), null, dec("-3.00")),
        c("CAST(m AS INTEGER)", 3, null, -1),
        c("CAST(d AS BIGINT)", 2L, null, -1L),
        c("CAST(i AS DOUBLE)", 5.0, null, -3.0),
        c("CAST(d AS DECIMAL(5, 1))", dec("2.5"), null, dec("-1.5")),
        c("CAST(m AS DECIMAL(10, 1))", dec("3.3"), null, dec("-1.5")),
        c("CAST(i AS VARCHAR)", "5", null, "-3"),
        c("CAST(m AS VARCHAR)", "3.25", null, "-1.50"),
        c("CAST(b AS VARCHAR)", "TRUE", null, "FALSE"),
        c("CAST(ts AS VARCHAR)", "2024-03-15 10:20:30.123", null, "1969-12-31 23:59:59.999"),
        c("CAST(dt AS VARCHAR)", "2024-03-15", null, "1969-12-31"),
        c("CAST(tm AS VARCHAR)", "10:20:30", null, "00:00:00"),
        c("CAST(s AS CHAR(3))", "abc", null, "Hel"),
        c("CAST(s AS VARCHAR(2))", "ab", null, "He"),
        c("CAST('42' AS INTEGER) + i", 47, null, 39),
        c("CAST(' 1.5 ' AS DECIMAL(4, 2))", dec("1.50"), dec("1.50"), dec("1.50")),
        c("CAST('true' AS BOOLEAN)", true, true, true),
        c("CAST('2024-01-02 03:04:05' AS TIMESTAMP)", ts("2024-01-02T03:04:05Z"), ts("2024-01-02T03:04:05Z"), ts("2024-01-02T03:04:05Z")),
        c("CAST(CAST(ts AS VARCHAR) AS TIMESTAMP(3))", ts("2024-03-15T10:20:30.123Z"), null, ts("1969-12-31T23:59:59.999Z")),
        c("CAST('2024-01-02' AS DATE)", LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 2)),
        c("CAST('12:30:00' AS TIME)", LocalTime.of(12, 30), LocalTime.of(12, 30), LocalTime.of(12, 30)),
        c("CAST(ts AS DATE)", LocalDate.of(2024, 3, 15), null, LocalDate.of(1969, 12, 31)),
        c("CAST(ts AS TIME)", LocalTime.of(10, 20, 30, 123_000_000), null, LocalTime.of(23, 59, 59, 999_000_000)),
        c("CAST(dt AS TIMESTAMP)", ts("2024-03-15T00:00:00Z"), null, ts("1969-12-31T00:00:00Z")),
        // datetime arithmetic
        c("ts + INTERVAL '1' HOUR", ts("2024-03-15T11:20:30.123Z"), null, ts("1970-01-01T00:59:59.999Z")),
        c("ts - INTERVAL '1' MONTH", ts("2024-02-15T10:20:30.123Z"), null, ts("1969-11-30T23:59:59.999Z")),
        c("ts + INTERVAL '1-2' YEAR TO MONTH", ts("2025-05-15T10:20:30.123Z"), null, ts("1971-02-28T23:59:59.999Z")),
        c("dt + INTERVAL '1' DAY", LocalDate.of(2024, 3, 16), null, LocalDate.of(1970, 1, 1)),
        c("dt - INTERVAL '1' MONTH", LocalDate.of(2024, 2, 15), null, LocalDate.of(1969, 11, 30)),
        c("tm + INTERVAL '90' MINUTE", LocalTime.of(11, 50, 30), null, LocalTime.of(1, 30)),
        c("(ts - TIMESTAMP '2024-03-15 00:00:00') SECOND", Duration.ofMillis(37_230_123), null, Duration.ofMillis(-1_710_460_800_001L)),
        c("(dt - DATE '2024-03-01') DAY", Duration.ofDays(14), null, Duration.ofDays(-19_784)),
        c("TIMESTAMPADD(MINUTE, 2, ts)", ts("2024-03-15T10:22:30.123Z"), null, ts("1970-01-01T00:01:59.999Z")),
        c("TIMESTAMPDIFF(SECOND, TIMESTAMP '2024-03-15 10:00:00', ts)", 1230, null, -1_710_496_800),
        // EXTRACT, FLOOR/CEIL to unit
        c("EXTRACT(YEAR FROM ts)", 2024L, null, 1969L),
        c("EXTRACT(MONTH FROM ts)", 3L, null, 12L),
        c("EXTRACT(DAY FROM ts)", 15L, null, 31L),
        c("EXTRACT(HOUR FROM ts)", 10L, null, 23L),
        c("EXTRACT(MINUTE FROM ts)", 20L, null, 59L),
        c("EXTRACT(SECOND FROM ts)", 30L, null, 59L),
        c("EXTRACT(MILLISECOND FROM ts)", 30_123L, null, 59_999L),
        c("EXTRACT(DOW FROM ts)", 6L, null, 4L),
        c("EXTRACT(DOY FROM dt)", 75L, null, 365L),
        c("EXTRACT(WEEK FROM dt)", 11L, null, 1L),
        c("EXTRACT(QUARTER FROM ts)", 1L, null, 4L),
        c("EXTRACT(EPOCH FROM ts)", 1_710_498_030L, null, -1L),
        c("EXTRACT(HOUR FROM tm)", 10L, null, 0L),
        c("FLOOR(ts TO DAY)", ts("2024-03-15T00:00:00Z"), null, ts("1969-12-31T00:00:00Z")),
        c("FLOOR(ts TO HOUR)", ts("2024-03-15T10:00:00Z"), null, ts("1969-12-31T23:00:00Z")),
        c("CEIL(ts TO HOUR)", ts("2024-03-15T11:00:00Z"), null, ts("1970-01-01T00:00:00Z")),
        c("FLOOR(ts TO MONTH)", ts("2024-03-01T00:00:00Z"), null, ts("1969-12-01T00:00:00Z")),
        c("CEIL(ts TO YEAR)", ts("2025-01-01T00:00:00Z"), null, ts("1970-01-01T00:00:00Z")),
        c("FLOOR(dt TO MONTH)", LocalDate.of(2024, 3, 1), null, LocalDate.of(1969, 12, 1)),
    };

    @TestFactory
    Stream<DynamicTest> everyCaseCompiledAndInterpreted() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Object[] k : CASES) {
            String expr = (String) k[0];
            tests.add(DynamicTest.dynamicTest(expr, () -> check(expr, Arrays.copyOfRange(k, 1, 4))));
        }
        return tests.stream();
    }

    private static void check(String expr, Object[] expected) {
        CalcTestSupport.Planned p = CalcTestSupport.plan(SCHEMA, "SELECT " + expr + " FROM t");
        CalcProgram compiled = p.compile();
        assertFalse(compiled.interpreted(), () -> expr + " fell back: " + compiled.fallbackReason());
        CalcProgram interpreted = CalcCompiler.interpret(p.program(), p.input(), p.output());
        Batch in = CalcTestSupport.batch(SCHEMA, ROWS);
        Batch c = new Batch(p.output(), 1), i = new Batch(p.output(), 1);
        assertEquals(3, compiled.newKernel().process(in, c));
        assertEquals(3, interpreted.newKernel().process(in, i));
        for (int r = 0; r < 3; r++) {
            int row = r;
            assertEquals(expected[r], c.value(0, r), () -> expr + " compiled, row " + row + "\n" + compiled.source());
            assertEquals(expected[r], i.value(0, r), () -> expr + " interpreted, row " + row);
        }
    }
}
