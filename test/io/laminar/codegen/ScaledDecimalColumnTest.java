package io.laminar.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Kernels over DECIMAL columns held as scaled longs: reading yields the unscaled long (a spilled cell takes the
 * BigDecimal fallback), writing stores the scaled long (the BigDecimal only when it does not fit). Property: for
 * values inside and outside the long range and NULLs, the compiled kernel, the interpreter and plain BigDecimal
 * arithmetic agree; and a q1-shaped projection allocates nothing.
 */
class ScaledDecimalColumnTest {
    static final Schema SCHEMA = Schema.of(new Field("a", ColumnType.DECIMAL, true, 38, 2),
            new Field("b", ColumnType.DECIMAL, true, 20, 4), new Field("l", ColumnType.BIGINT));

    static Batch randomInput(Random rnd, int rows) {
        Batch in = new Batch(SCHEMA, rows);
        for (int r = 0; r < rows; r++) {
            int row = in.addRow(RowKind.INSERT);
            for (int c = 0; c < 2; c++) {
                if (rnd.nextInt(10) == 0) {
                    in.setNull(c, row);
                    continue;
                }
                BigInteger u = switch (rnd.nextInt(4)) {
                    case 0 -> BigInteger.valueOf(rnd.nextInt(2_000_001) - 1_000_000);
                    case 1 -> BigInteger.valueOf(rnd.nextLong() >> rnd.nextInt(64));
                    case 2 -> new BigInteger(64 + rnd.nextInt(20), rnd).negate(); // spilled
                    default -> BigInteger.valueOf(rnd.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
                };
                in.setDecimal(c, row, new BigDecimal(u, in.decimalScale(c)));
            }
            if (rnd.nextInt(10) == 0) in.setNull(2, row); else in.setLong(2, row, rnd.nextInt(2001) - 1000);
        }
        return in;
    }

    private static Batch run(CalcProgram program, Batch in, Schema out) {
        Batch b = new Batch(out, 16);
        program.newKernel().process(in, b);
        return b;
    }

    @Test
    void arithmeticAndComparisonsMatchBigDecimal() {
        CalcTestSupport.Planned p = CalcTestSupport.planAsEngine(SCHEMA,
                "SELECT a + b AS s, a - b AS d, a * b AS m, l * a AS u, a AS same, 0.908 * l AS q FROM t WHERE a > b OR l < 0");
        CalcProgram compiled = p.compile();
        assertFalse(compiled.interpreted(), compiled.fallbackReason());
        assertTrue(compiled.source().contains("in0[i]") && compiled.source().contains("Batch.storeDecimal"), compiled.source());
        CalcProgram interpreted = CalcCompiler.interpret(p.program(), p.input(), p.output());
        Batch in = randomInput(new Random(17), 20_000);
        Batch fast = run(compiled, in, p.output()), slow = run(interpreted, in, p.output());
        @SuppressWarnings("unchecked")
        BinaryOperator<BigDecimal>[] ops = new BinaryOperator[] {
                (BinaryOperator<BigDecimal>) BigDecimal::add, (BinaryOperator<BigDecimal>) BigDecimal::subtract,
                (BinaryOperator<BigDecimal>) BigDecimal::multiply};
        int o = 0, spilled = 0;
        for (int r = 0; r < in.size; r++) {
            BigDecimal a = in.decimal(0, r), b = in.decimal(1, r);
            Long l = in.isNull(2, r) ? null : in.getLong(2, r);
            boolean keep = (a != null && b != null && a.compareTo(b) > 0) || (l != null && l < 0);
            if (!keep) continue;
            for (int c = 0; c < 3; c++) {
                BigDecimal expected = a == null || b == null ? null : at(ops[c].apply(a, b), p.output().field(c));
                assertEquals(expected, fast.decimal(c, o), "row " + r + " column " + p.output().field(c));
                if (expected != null && fast.longs[c][o] == Batch.DECIMAL_SPILLED) spilled++;
            }
            assertEquals(a == null || l == null ? null : at(a.multiply(BigDecimal.valueOf(l)), p.output().field(3)), fast.decimal(3, o));
            assertEquals(a, fast.decimal(4, o));
            assertEquals(l == null ? null : at(new BigDecimal("0.908").multiply(BigDecimal.valueOf(l)), p.output().field(5)),
                    fast.decimal(5, o));
            assertArrayEquals(fast.row(o), slow.row(o), "interpreter, row " + r);
            assertTrue(fast.sameValues(o, slow, o));
            o++;
        }
        assertEquals(o, fast.size);
        assertEquals(o, slow.size);
        assertTrue(spilled > 100, "results outside the long range are covered: " + spilled);
    }

    @Test
    void bigDecimalOnlyFunctionsReadSpilledAndUnspilledCells() {
        CalcTestSupport.Planned p = CalcTestSupport.planAsEngine(SCHEMA,
                "SELECT a / 4 AS q, -a AS n, ABS(b) AS ab, CASE WHEN a > 0 THEN a ELSE b END AS c, COALESCE(a, b) AS co, "
                        + "a IS NULL AS isn, CAST(b AS DOUBLE) AS dbl, a = b AS eq, CAST(a AS VARCHAR) AS txt FROM t");
        CalcProgram compiled = p.compile();
        assertFalse(compiled.interpreted(), compiled.fallbackReason());
        Batch in = randomInput(new Random(23), 5_000);
        Batch fast = run(compiled, in, p.output());
        Batch slow = run(CalcCompiler.interpret(p.program(), p.input(), p.output()), in, p.output());
        assertEquals(in.size, fast.size);
        for (int r = 0; r < in.size; r++) {
            assertArrayEquals(slow.row(r), fast.row(r), "row " + r);
            BigDecimal a = in.decimal(0, r), b = in.decimal(1, r);
            assertEquals(a == null ? null : at(a.negate(), p.output().field(1)), fast.decimal(1, r));
            assertEquals(a == null ? null : a.toPlainString(), fast.value(8, r));
            BigDecimal c = a != null && a.signum() > 0 ? a : b;
            assertEquals(c == null ? null : at(c, p.output().field(3)), fast.decimal(3, r));
            assertEquals(a == null, fast.value(5, r));
        }
    }

    private static BigDecimal at(BigDecimal v, Field f) {
        return v.setScale(f.scale(), RoundingMode.HALF_UP);
    }

    @Test
    void nexmarkQ1ProjectionAllocatesNothing() {
        Schema bids = Schema.of(new Field("auction", ColumnType.BIGINT), new Field("price", ColumnType.BIGINT));
        CalcTestSupport.Planned p = CalcTestSupport.planAsEngine(bids, "SELECT auction, 0.908 * price AS price FROM t");
        assertEquals(ColumnType.Storage.SCALED_DECIMAL, p.output().field(1).storage());
        CalcProgram prog = p.compile();
        Batch in = new Batch(bids, 1024);
        for (int r = 0; r < 1024; r++) {
            int row = in.addRow(RowKind.INSERT);
            in.setLong(0, row, r);
            in.setLong(1, row, 1_000 + r * 37L);
        }
        Batch out = new Batch(p.output(), 1024);
        long allocated = CalcTestSupport.steadyStateAllocation(prog.newKernel(), in, out);
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes over 5000 batches of 1024 rows\n" + prog.source());
        assertEquals(new BigDecimal("908.000"), out.decimal(1, 0));
    }
}
