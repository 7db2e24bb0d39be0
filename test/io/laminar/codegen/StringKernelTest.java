package io.laminar.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The string rewrites of compiled kernels: {@code LOWER(x) = 'lit'} without the lowered copy, SPLIT_INDEX calls of
 * one value sharing one scan, a literal regex's matcher reused per kernel. Each is checked on the function (random
 * inputs incl. non-ASCII against the plain definition), on a kernel (compiled and interpreted agree with the
 * expected rows, NULLs included), and in the generated source (the rewrite fires).
 */
class StringKernelTest {
    private static final Schema SCHEMA = Schema.of(new Field("s", ColumnType.VARCHAR), new Field("u", ColumnType.VARCHAR));

    /** Characters whose case mapping is not one ASCII char to one ASCII char: İ, the Kelvin sign, ß, Σ, é, an emoji. */
    private static final String ALPHABET = "aAbBkKsSiI-/ \u0130\u212a\u00df\u03a3\u00e9\u00c9\uD83D\uDE00";

    private static String random(Random rnd, int max) {
        StringBuilder sb = new StringBuilder();
        for (int n = rnd.nextInt(max + 1), k = 0; k < n; k++) sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        return sb.toString();
    }

    @Test
    void caseFoldedEqualityIsTheFoldedStringsEquality() {
        Random rnd = new Random(11);
        List<String> fixed = List.of("", "k", "ks", "i\u0307", "ss", "SS", "\u03c3", "\u00e9", "kelvin", "ab");
        for (int i = 0; i < 200_000; i++) {
            String s = random(rnd, 6);
            int pick = rnd.nextInt(6);
            String t = pick == 0 ? s.toLowerCase(Locale.ROOT) : pick == 1 ? s.toUpperCase(Locale.ROOT)
                    : pick == 2 ? fixed.get(rnd.nextInt(fixed.size())) : random(rnd, 6);
            assertEquals(s.toLowerCase(Locale.ROOT).equals(t), Functions.lowerEquals(s, t), () -> "LOWER('" + s + "') = '" + t + "'");
            assertEquals(s.toUpperCase(Locale.ROOT).equals(t), Functions.upperEquals(s, t), () -> "UPPER('" + s + "') = '" + t + "'");
        }
        assertTrue(Functions.lowerEquals("\u212aelvin", "kelvin")); // the Kelvin sign lowers to an ASCII k
        assertTrue(Functions.upperEquals("stra\u00dfe", "STRASSE")); // ß upper-cases to two letters
        assertFalse(Functions.lowerEquals("\u0130", "i")); // İ lowers to i + a combining dot
    }

    @Test
    void caseFoldedComparisonsInAKernel() {
        String sql = "SELECT LOWER(s) = 'apple', 'google' <> LOWER(s), UPPER(s) = 'STRASSE', "
                + "CASE WHEN LOWER(s) IN ('apple', 'kelvin') THEN 'hit' ELSE s END FROM t WHERE LOWER(u) <> 'skip'";
        Object[][] rows = {
            {"Apple", "x"}, {"GOOGLE", "x"}, {"stra\u00dfe", "x"}, {"\u212aELVIN", "x"}, {null, "x"}, {"apple", "SKIP"},
            {"appl\u00e9", "x"}, {"apple", null},
        };
        List<List<Object>> expected = List.of(
                Arrays.asList(true, true, false, "hit"),
                Arrays.asList(false, false, false, "GOOGLE"),
                Arrays.asList(false, true, true, "stra\u00dfe"),
                Arrays.asList(false, true, false, "hit"),
                Arrays.asList(null, null, null, null),
                Arrays.asList(false, true, false, "appl\u00e9"));
        CalcProgram compiled = run(sql, rows, expected);
        assertTrue(compiled.source().contains("Functions.lowerEquals("), compiled.source());
        assertTrue(compiled.source().contains("Functions.upperEquals("), compiled.source());
        assertFalse(compiled.source().contains("Functions.lower(") || compiled.source().contains("Functions.upper("), compiled.source());
    }

    @Test
    void splitIndexCallsOfOneValueShareOneScan() {
        Random rnd = new Random(5);
        Functions.SplitCursor cursor = new Functions.SplitCursor();
        String[] separators = {"/", "-", "/-", "", "\uD83D\uDE00"};
        String s = "";
        for (int i = 0; i < 200_000; i++) {
            if (rnd.nextInt(4) == 0) s = random(rnd, 12);
            if (rnd.nextInt(8) == 0) s = new String(s); // equal but not the same string
            String sep = separators[rnd.nextInt(separators.length)];
            long index = rnd.nextInt(8) - 1;
            String value = s;
            assertEquals(Functions.splitIndex(s, sep, index), Functions.splitIndex(s, sep, index, cursor),
                    () -> "SPLIT_INDEX('" + value + "', '" + sep + "', " + index + ")");
        }
    }

    /**
     * The cursor's table of recently split values: values drawn from a pool larger than the table (slots taken
     * over), equal copies of remembered values, more distinct indexes than it keeps pieces for (and indexes past
     * its index map), a second separator on the same cursor (the table starts over), and a run of values that never
     * repeat (the table is dropped, then taken up again) — every piece equals the plain definition's.
     */
    @Test
    void splitIndexRemembersRepeatedValuesAndGivesTheSamePieces() {
        Functions.SplitCursor fresh = new Functions.SplitCursor();
        String url = "https://www.nexmark.com/abc/de/f_g/item.htm?query=1";
        String dir = Functions.splitIndex(url, "/", 4, fresh);
        Functions.splitIndex("other/value", "/", 0, fresh);
        assertSame(dir, Functions.splitIndex(new String(url), "/", 4, fresh), "an equal value gets the piece cut before");
        String longValue = "x/".repeat(Functions.SplitCursor.MAX_LENGTH);
        String first = Functions.splitIndex(longValue, "/", 1, fresh);
        Functions.splitIndex("other/value", "/", 0, fresh);
        assertNotSame(first, Functions.splitIndex(new String(longValue), "/", 1, fresh), "a long value is not kept");

        Random rnd = new Random(17);
        String[] pool = new String[40_000];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = "https://h" + rnd.nextInt(50) + ".org/" + random(rnd, 6) + "/" + random(rnd, 4) + "/" + i % 97 + "/x";
        }
        long[] indexes = {0, 1, 3, 4, 5, 6, 2, 70, -1, 9};
        Functions.SplitCursor cursor = new Functions.SplitCursor();
        boolean paused = false;
        for (int phase = 0; phase < 4; phase++) {
            for (int row = 0; row < 150_000; row++) {
                String s = phase == 2 ? "q/" + row + "/" + random(rnd, 5) // never repeats: the table pauses
                        : pool[rnd.nextInt(8) == 0 ? rnd.nextInt(pool.length) : rnd.nextInt(64)];
                if (rnd.nextInt(5) == 0) s = new String(s); // equal, not the same object
                String sep = phase == 3 && row % 1000 >= 900 ? "/-" : "/";
                for (int calls = 1 + rnd.nextInt(3); calls > 0; calls--) {
                    long index = indexes[rnd.nextInt(indexes.length)];
                    String value = s;
                    assertEquals(Functions.splitIndex(s, sep, index), Functions.splitIndex(s, sep, index, cursor),
                            () -> "SPLIT_INDEX('" + value + "', '" + sep + "', " + index + ")");
                }
                if (phase == 2 && !cursor.remembering()) paused = true;
            }
            if (phase == 1) assertTrue(cursor.remembering(), "a pool of repeating values keeps the table");
        }
        assertTrue(paused, "values that never repeat drop the table");
        assertTrue(cursor.remembering(), "repeating values again take the table up again");
    }

    @Test
    void splitIndexInAKernel() {
        String sql = "SELECT SPLIT_INDEX(s, '/', 3), SPLIT_INDEX(s, '/', 1), SPLIT_INDEX(s, '/', 5), SPLIT_INDEX(s, '-', 0), "
                + "SPLIT_INDEX(u, '/', 0) FROM t";
        Object[][] rows = {
            {"https://x.org/d\u00e9j\u00e0/b/c-d", "p/q"}, {null, "p"}, {"", "/"}, {"a/b", null}, {"////", "x-y/z"},
        };
        List<List<Object>> expected = List.of(
                Arrays.asList("d\u00e9j\u00e0", "", "c-d", "https://x.org/d\u00e9j\u00e0/b/c", "p"),
                Arrays.asList(null, null, null, null, "p"),
                Arrays.asList(null, null, null, null, ""),
                Arrays.asList(null, "b", null, "a/b", null),
                Arrays.asList("", "", null, "////", "x-y"));
        CalcProgram compiled = run(sql, rows, expected);
        String src = compiled.source();
        // one cursor per separator: the three '/' calls on s share one, and u's '/' call uses it too
        assertEquals(2, src.split("new io.laminar.codegen.Functions.SplitCursor\\(\\)", -1).length - 1, src);
    }

    @Test
    void substringOfTheSameStringObjectAsTheRowBeforeReusesItsPiece() {
        Functions.LastCall last = new Functions.LastCall();
        Random rnd = new Random(5);
        String[] pool = {"2026-01-01 10:15:00.123", "x", "", "\u00e9t\u00e9 / \uD83D\uDE00"};
        for (int i = 0; i < 100_000; i++) {
            // the same object again, an equal copy, or another string; bounds inside and outside the string
            String s = rnd.nextInt(3) == 0 ? new String(pool[rnd.nextInt(pool.length)]) : pool[rnd.nextInt(pool.length)];
            long start = rnd.nextInt(30) - 3, length = rnd.nextInt(8);
            assertEquals(Functions.substring(s, start, length), Functions.substring(s, start, length, last),
                    () -> "SUBSTRING('" + s + "' FROM " + start + " FOR " + length + ")");
        }
        String sql = "SELECT SUBSTRING(s FROM 12 FOR 5), SUBSTRING(s FROM 1 FOR 4), SUBSTRING(u FROM 2) FROM t";
        String text = "2026-01-01 10:15:00.123";
        Object[][] rows = {{text, "ab"}, {text, "ab"}, {new String(text), null}, {"short", "b"}, {null, "cd"}};
        List<List<Object>> expected = List.of(
                Arrays.asList("10:15", "2026", "b"), Arrays.asList("10:15", "2026", "b"),
                Arrays.asList("10:15", "2026", null), Arrays.asList("", "shor", ""), Arrays.asList(null, null, "d"));
        String src = run(sql, rows, expected).source();
        assertEquals(2, src.split("new io.laminar.codegen.Functions.LastCall\\(\\)", -1).length - 1, src); // one per call
    }

    @Test
    void literalRegexUsesTheKernelsMatcher() {
        String sql = "SELECT REGEXP_EXTRACT(s, '(&|^)id=([^&]*)', 2), s LIKE '%a_c%' FROM t "
                + "WHERE REGEXP_EXTRACT(s, '(&|^)id=([^&]*)', 2) IS NOT NULL OR s LIKE '%a_c%'";
        Object[][] rows = {{"x=1&id=\u00e9\u00e9&y", "u"}, {"id=7", "u"}, {"abc", "u"}, {null, "u"}, {"xid=1", "u"}, {"id=", "u"}};
        List<List<Object>> expected = List.of(
                Arrays.asList("\u00e9\u00e9", false), Arrays.asList("7", false), Arrays.asList(null, true),
                Arrays.asList("", false));
        CalcProgram compiled = run(sql, rows, expected);
        String src = compiled.source();
        assertTrue(src.contains("java.util.regex.Matcher M") && src.contains(".newMatcher();"), src);
        assertTrue(src.contains(".matcher(\"\");"), src); // LIKE's regex gets one as well
        assertEquals(2, src.split("java.util.regex.Matcher M", -1).length - 1, src); // shared by WHERE and SELECT
    }

    /** Runs {@code sql} compiled and interpreted over {@code rows}; both must give {@code expected}. */
    private static CalcProgram run(String sql, Object[][] rows, List<List<Object>> expected) {
        CalcTestSupport.Planned p = CalcTestSupport.plan(SCHEMA, sql);
        CalcProgram compiled = p.compile();
        assertFalse(compiled.interpreted(), () -> compiled.fallbackReason());
        CalcProgram interpreted = CalcCompiler.interpret(p.program(), p.input(), p.output());
        for (CalcProgram program : List.of(compiled, interpreted)) {
            CalcKernel kernel = program.newKernel();
            for (int round = 0; round < 2; round++) { // a second batch: reused matchers and cursors start clean
                Batch out = new Batch(p.output(), 1);
                kernel.process(CalcTestSupport.batch(SCHEMA, rows), out);
                assertEquals(expected, CalcTestSupport.rows(out), () -> sql + "\n" + compiled.source());
            }
        }
        return compiled;
    }
}
