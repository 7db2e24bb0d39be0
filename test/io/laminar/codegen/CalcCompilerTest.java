package io.laminar.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import io.laminar.SqlException;
import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import java.util.List;
import org.codehaus.janino.SimpleCompiler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CalcCompilerTest {
    static final Schema SCHEMA = Schema.of(new Field("k", ColumnType.BIGINT), new Field("price", ColumnType.DOUBLE),
            new Field("name", ColumnType.VARCHAR));

    @AfterEach
    void reset() {
        CalcCompiler.forceInterpreter = false;
        CalcCompiler.sourceHook = null;
    }

    private static Batch input() {
        Batch b = CalcTestSupport.batch(SCHEMA, new Object[] {1L, 10.0, "a"}, new Object[] {2L, 200.0, "b"},
                new Object[] {3L, null, "c"}, new Object[] {4L, 300.0, null});
        b.ops[1] = RowKind.UPDATE_BEFORE;
        b.ops[3] = RowKind.DELETE;
        return b;
    }

    private static final String QUERY = "SELECT k * 10 AS k10, UPPER(name) AS n FROM t WHERE price > 100";

    @Test
    void filtersProjectsAndCopiesRowKinds() {
        CalcProgram p = CalcTestSupport.plan(SCHEMA, QUERY).compile();
        assertFalse(p.interpreted());
        assertNull(p.fallbackReason());
        Batch out = new Batch(CalcTestSupport.plan(SCHEMA, QUERY).output(), 1);
        assertEquals(2, p.newKernel().process(input(), out));
        assertEquals(List.of(List.of(20L, "B"), java.util.Arrays.asList(40L, null)), CalcTestSupport.rows(out));
        assertEquals(RowKind.UPDATE_BEFORE, out.ops[0]);
        assertEquals(RowKind.DELETE, out.ops[1]);
    }

    @Test
    void appendsAfterRowsAlreadyInTheOutput() {
        CalcTestSupport.Planned planned = CalcTestSupport.plan(SCHEMA, QUERY);
        CalcKernel kernel = planned.compile().newKernel();
        Batch out = new Batch(planned.output(), 1);
        kernel.process(input(), out);
        assertEquals(2, kernel.process(input(), out));
        assertEquals(4, out.size);
        assertEquals(40L, out.value(0, 3));
    }

    @Test
    void sameProgramHitsTheCache() {
        CalcProgram a = CalcTestSupport.plan(SCHEMA, QUERY).compile();
        CalcProgram b = CalcTestSupport.plan(SCHEMA, QUERY).compile();
        assertSame(a, b);
        assertEquals(a.digest(), b.digest());
        CalcProgram c = CalcTestSupport.plan(SCHEMA, "SELECT k * 11 AS k10, UPPER(name) AS n FROM t WHERE price > 100").compile();
        assertNotSame(a, c);
        // the same SQL over another input type is another program
        Schema other = Schema.of(new Field("k", ColumnType.INTEGER), new Field("price", ColumnType.DOUBLE),
                new Field("name", ColumnType.VARCHAR));
        assertNotSame(a, CalcTestSupport.plan(other, QUERY).compile());
    }

    @Test
    void cacheIsBounded() {
        CalcCompiler.clearCache();
        for (int i = 0; i < CalcCompiler.CACHE_SIZE + 5; i++) {
            CalcTestSupport.plan(SCHEMA, "SELECT k + " + i + " FROM t").compile();
        }
        assertTrue(CalcCompiler.cacheSize() <= CalcCompiler.CACHE_SIZE, "cache size " + CalcCompiler.cacheSize());
    }

    @Test
    void evictedProgramsLetTheirClassLoaderBeCollected() throws Exception {
        java.lang.ref.WeakReference<ClassLoader> loader = compileAndForget();
        CalcCompiler.clearCache();
        for (int i = 0; i < 50 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(loader.get(), "the generated class's loader is still reachable");
    }

    private static java.lang.ref.WeakReference<ClassLoader> compileAndForget() {
        CalcProgram p = CalcTestSupport.plan(SCHEMA, "SELECT k * 12345 + 678 FROM t WHERE name LIKE 'gc%'").compile();
        assertFalse(p.interpreted());
        CalcKernel k = p.newKernel();
        k.process(input(), new Batch(CalcTestSupport.plan(SCHEMA, "SELECT k * 12345 + 678 FROM t").output(), 1));
        return new java.lang.ref.WeakReference<>(k.getClass().getClassLoader());
    }

    @Test
    void generatedSourceIsReadableJava() throws Exception {
        CalcProgram p = CalcTestSupport.plan(SCHEMA, QUERY).compile();
        String src = p.source();
        assertTrue(src.contains("public final class " + p.className() + " implements io.laminar.codegen.CalcKernel"), src);
        assertTrue(src.contains("for (int i = 0; i < n; i++)"), src);
        assertTrue(src.contains("out.ensureCapacity(n);"), src);
        assertTrue(src.contains("// WHERE >($1, "), src);
        assertTrue(src.contains("// K10 = *($0, 10)"), src);
        assertFalse(src.contains("Long.valueOf") || src.contains("Double.valueOf"), "boxing in " + src);
        // the source shown is the source compiled: it compiles on its own
        SimpleCompiler sc = new SimpleCompiler();
        sc.setParentClassLoader(getClass().getClassLoader());
        sc.cook(src);
        assertTrue(CalcKernel.class.isAssignableFrom(sc.getClassLoader().loadClass(p.className())));
    }

    @Test
    void forcedInterpretationGivesTheSameRows() {
        CalcCompiler.forceInterpreter = true;
        CalcProgram p = CalcTestSupport.plan(SCHEMA, QUERY).compile();
        assertTrue(p.interpreted());
        assertEquals("interpretation forced", p.fallbackReason());
        assertTrue(p.source().contains("K10 = *($0, 10)"), p.source());
        Batch out = new Batch(CalcTestSupport.plan(SCHEMA, QUERY).output(), 1);
        assertEquals(2, p.newKernel().process(input(), out));
        assertEquals(List.of(List.of(20L, "B"), java.util.Arrays.asList(40L, null)), CalcTestSupport.rows(out));
        assertEquals(RowKind.DELETE, out.ops[1]);
    }

    @Test
    void janinoFailureFallsBackToTheInterpreter() {
        CalcCompiler.sourceHook = src -> src.replace("o++;", "o++ +;");
        CalcProgram p = CalcTestSupport.plan(SCHEMA, QUERY).compile();
        assertTrue(p.interpreted());
        assertTrue(p.fallbackReason().startsWith("Janino could not compile"), p.fallbackReason());
        assertTrue(p.toString().contains("interpreted"), p.toString());
        Batch out = new Batch(CalcTestSupport.plan(SCHEMA, QUERY).output(), 1);
        assertEquals(2, p.newKernel().process(input(), out));
        assertEquals(20L, out.value(0, 0));
    }

    @Test
    void unsupportedFunctionIsAnUnsupportedQueryNamingIt() {
        CalcTestSupport.Planned p = CalcTestSupport.plan(SCHEMA, "SELECT CURRENT_TIMESTAMP FROM t");
        SqlException e = assertThrows(SqlException.class, p::compile);
        assertEquals(ErrorCode.UNSUPPORTED_QUERY, e.code());
        assertTrue(e.getMessage().contains("CURRENT_TIMESTAMP"), e.getMessage());
        assertEquals("function CURRENT_TIMESTAMP", e.data().get("construct"));
    }

    @Test
    void integerDivisionByZeroIsABadRowError() {
        CalcTestSupport.Planned p = CalcTestSupport.plan(SCHEMA, "SELECT k / (k - 1) FROM t");
        for (CalcProgram prog : List.of(p.compile(), CalcCompiler.interpret(p.program(), p.input(), p.output()))) {
            Batch out = new Batch(p.output(), 1);
            LaminarException e = assertThrows(LaminarException.class, () -> prog.newKernel().process(input(), out));
            assertEquals(ErrorCode.BAD_ROW, e.code());
            assertTrue(e.getMessage().contains("division by zero"), e.getMessage());
            assertEquals(0, out.size, "the failing row is the first");
        }
    }

    @Test
    void doubleDivisionByZeroFollowsIeee() {
        CalcTestSupport.Planned p = CalcTestSupport.plan(SCHEMA, "SELECT price / 0 FROM t WHERE k = 1");
        Batch out = new Batch(p.output(), 1);
        p.compile().newKernel().process(input(), out);
        assertEquals(Double.POSITIVE_INFINITY, out.value(0, 0));
    }

    @Test
    void caseGuardsDivisionAndBranchesAreLazy() {
        CalcTestSupport.Planned p = CalcTestSupport.plan(SCHEMA,
                "SELECT CASE WHEN k <> 1 THEN 10 / (k - 1) ELSE -1 END FROM t WHERE k = 1 OR 10 / (k - 1) > 3");
        for (CalcProgram prog : List.of(p.compile(), CalcCompiler.interpret(p.program(), p.input(), p.output()))) {
            Batch out = new Batch(p.output(), 1);
            assertEquals(3, prog.newKernel().process(input(), out));
            assertEquals(List.of(List.of(-1L), List.of(10L), List.of(5L)), CalcTestSupport.rows(out));
        }
    }

    @Test
    void selectStarIsACopy() {
        CalcTestSupport.Planned p = CalcTestSupport.plan(SCHEMA, "SELECT * FROM t");
        Batch out = new Batch(p.output(), 1);
        Batch in = input();
        assertEquals(4, p.compile().newKernel().process(in, out));
        assertEquals(CalcTestSupport.rows(in), CalcTestSupport.rows(out));
    }
    /**
     * Without a WHERE a column passed through unchanged is copied whole (values, NULL flags, row kinds) before the
     * row loop: the rows, NULLs and row kinds must be those of the input, also when the output already holds rows,
     * beside computed columns and a column whose type changes (which stays per row).
     */
    @Test
    void passedThroughColumnsAreCopiedWholeAtTheRightOffset() {
        String sql = "SELECT name, k, CAST(k AS DOUBLE) AS kd, price, UPPER(name) AS n FROM t";
        CalcTestSupport.Planned planned = CalcTestSupport.plan(SCHEMA, sql);
        CalcProgram program = planned.compile();
        assertEquals(3, program.source().split("System.arraycopy\\(in[0-9]", -1).length - 1, program.source()); // name, k, price
        assertTrue(program.source().contains("System.arraycopy(inOps, 0, outOps, start, n);"), program.source());
        CalcKernel kernel = program.newKernel();
        Batch out = new Batch(planned.output(), 1);
        assertEquals(4, kernel.process(input(), out));
        assertEquals(4, kernel.process(input(), out)); // appended after the first four
        List<List<Object>> expected = List.of(
                java.util.Arrays.asList("a", 1L, 1.0, 10.0, "A"), java.util.Arrays.asList("b", 2L, 2.0, 200.0, "B"),
                java.util.Arrays.asList("c", 3L, 3.0, null, "C"), java.util.Arrays.asList(null, 4L, 4.0, 300.0, null));
        List<List<Object>> twice = new java.util.ArrayList<>(expected);
        twice.addAll(expected);
        assertEquals(twice, CalcTestSupport.rows(out));
        byte[] kinds = {RowKind.INSERT, RowKind.UPDATE_BEFORE, RowKind.INSERT, RowKind.DELETE};
        for (int r = 0; r < 8; r++) assertEquals(kinds[r % 4], out.ops[r], "row kind of row " + r);
        assertEquals(twice, CalcTestSupport.rows(runInterpreted(planned, out.schema)), "the interpreter agrees");
    }

    private static Batch runInterpreted(CalcTestSupport.Planned planned, Schema outSchema) {
        CalcCompiler.forceInterpreter = true;
        try {
            CalcKernel kernel = planned.compile().newKernel();
            Batch out = new Batch(outSchema, 1);
            kernel.process(input(), out);
            kernel.process(input(), out);
            return out;
        } finally {
            CalcCompiler.forceInterpreter = false;
        }
    }
}
