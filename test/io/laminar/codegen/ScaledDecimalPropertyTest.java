package io.laminar.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.junit.jupiter.api.Test;

/**
 * Property: DECIMAL arithmetic on scaled longs equals BigDecimal arithmetic (HALF_UP to the result's scale) on
 * random operands — small, huge, negative, exactly half-way — and says OVERFLOW only when the exact result does
 * not fit a long; compiled kernels that use it produce what BigDecimal produces, falling back past a long's range.
 */
class ScaledDecimalPropertyTest {
    private static final long[] EDGES = {0, 1, -1, 5, -5, 15, -15, 25, -25, 49, 50, 51, -50, 999_999_999_999_999_999L,
        Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE / 10, Long.MIN_VALUE / 7, 3_037_000_499L, -3_037_000_500L};

    private static long operand(Random rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> EDGES[rnd.nextInt(EDGES.length)];
            case 1 -> rnd.nextLong();
            case 2 -> rnd.nextInt(2001) - 1000;
            case 3 -> (rnd.nextLong() >> rnd.nextInt(64));
            default -> rnd.nextInt() * 5L; // ends in 0 or 5: half-way cases when scaled down
        };
    }

    @Test
    void scaledOperationsEqualBigDecimal() {
        Random rnd = new Random(42);
        int fast = 0;
        for (int i = 0; i < 200_000; i++) {
            long a = operand(rnd), b = operand(rnd);
            int sa = rnd.nextInt(7), sb = rnd.nextInt(7), scale = rnd.nextInt(9);
            String op = switch (rnd.nextInt(3)) { case 0 -> "plus"; case 1 -> "minus"; default -> "times"; };
            long u = switch (op) {
                case "plus" -> ScaledDecimal.plus(a, sa, b, sb, scale);
                case "minus" -> ScaledDecimal.minus(a, sa, b, sb, scale);
                default -> ScaledDecimal.times(a, sa, b, sb, scale);
            };
            BigDecimal x = BigDecimal.valueOf(a, sa), y = BigDecimal.valueOf(b, sb);
            BigDecimal expected = ScaledDecimal.reference(op, x, y, scale);
            String what = op + "(" + x + ", " + y + ") at scale " + scale;
            if (u != ScaledDecimal.OVERFLOW) {
                assertEquals(expected, BigDecimal.valueOf(u, scale), what);
                fast++;
            } else {
                // allowed only when an exact intermediate (aligned operands, sum, product) or the result leaves a long
                BigInteger exact = op.equals("times") ? x.multiply(y).unscaledValue()
                        : (op.equals("plus") ? x.add(y) : x.subtract(y)).setScale(Math.max(sa, sb)).unscaledValue();
                boolean outside = !fitsLong(exact) || !fitsLong(expected.unscaledValue())
                        || !fitsLong(x.setScale(Math.max(sa, sb)).unscaledValue())
                        || !fitsLong(y.setScale(Math.max(sa, sb)).unscaledValue())
                        || !fitsLong(x.setScale(Math.max(Math.max(sa, sb), scale)).unscaledValue().add(BigInteger.ONE))
                        || a == Long.MIN_VALUE || b == Long.MIN_VALUE;
                assertTrue(outside, "OVERFLOW although everything fits: " + what);
            }
            assertEquals(Integer.signum(x.compareTo(y)), Integer.signum(ScaledDecimal.compare(a, sa, b, sb)),
                    "compare " + x + " " + y);
        }
        assertTrue(fast > 100_000, "most operations stay on longs, got " + fast);
    }

    @Test
    void rescaleRoundsHalfAwayFromZero() {
        assertEquals(3, ScaledDecimal.rescale(25, 1, 0));
        assertEquals(-3, ScaledDecimal.rescale(-25, 1, 0));
        assertEquals(2, ScaledDecimal.rescale(249, 2, 0));
        assertEquals(-2, ScaledDecimal.rescale(-249, 2, 0));
        assertEquals(ScaledDecimal.OVERFLOW, ScaledDecimal.rescale(Long.MAX_VALUE / 5, 0, 1));
        assertEquals(ScaledDecimal.OVERFLOW, ScaledDecimal.rescale(Long.MAX_VALUE, 0, 30));
        assertEquals(0, ScaledDecimal.rescale(0, 0, 30));
    }

    private static boolean fitsLong(BigInteger v) {
        return v.bitLength() <= 63 && v.longValue() != ScaledDecimal.OVERFLOW; // the sentinel itself counts as outside
    }

    static final Schema SCHEMA = Schema.of(new Field("l", ColumnType.BIGINT), new Field("i", ColumnType.INTEGER));

    @Test
    void compiledKernelEqualsBigDecimalIncludingOverflow() {
        CalcTestSupport.Planned p = CalcTestSupport.plan(SCHEMA,
                "SELECT 0.908 * l AS p, (l - 2.25) * 1.1 AS q, i * 0.5 + l AS r FROM t WHERE 0.908 * l > 1000.5");
        CalcProgram prog = p.compile();
        assertFalse(prog.interpreted(), prog.fallbackReason());
        assertTrue(prog.source().contains("Functions.decTimes("), prog.source());
        Random rnd = new Random(7);
        Batch in = new Batch(SCHEMA, 4096);
        for (int r = 0; r < 4096; r++) {
            int row = in.addRow(RowKind.INSERT);
            long l = r % 10 == 0 ? Long.MAX_VALUE - rnd.nextInt(1000) : r % 10 == 1 ? rnd.nextLong() : rnd.nextInt(100_000);
            in.setLong(0, row, l);
            if (r % 13 == 0) in.setNull(1, row); else in.setLong(1, row, rnd.nextInt());
        }
        for (CalcProgram program : new CalcProgram[] {prog, CalcCompiler.interpret(p.program(), p.input(), p.output())}) {
            Batch out = new Batch(p.output(), 16);
            program.newKernel().process(in, out);
            int o = 0;
            for (int r = 0; r < in.size; r++) {
                BigDecimal l = BigDecimal.valueOf(in.longs[0][r]);
                if (new BigDecimal("0.908").multiply(l).compareTo(new BigDecimal("1000.5")) <= 0) continue;
                assertEquals(scaled(new BigDecimal("0.908").multiply(l), p.output().field(0)), out.decimal(0, o), "row " + r);
                assertEquals(scaled(l.subtract(new BigDecimal("2.25")).multiply(new BigDecimal("1.1")), p.output().field(1)),
                        out.decimal(1, o), "row " + r);
                if (in.nulls[1][r]) {
                    assertTrue(out.nulls[2][o]);
                } else {
                    BigDecimal i = BigDecimal.valueOf(in.longs[1][r]);
                    assertEquals(scaled(i.multiply(new BigDecimal("0.5")).add(l), p.output().field(2)), out.decimal(2, o));
                }
                o++;
            }
            assertEquals(o, out.size);
        }
    }

    private static BigDecimal scaled(BigDecimal v, Field f) {
        return v.setScale(f.scale(), RoundingMode.HALF_UP);
    }

    @Test
    void decimalFilterOnScaledLongsAllocatesNothing() {
        CalcTestSupport.Planned p = CalcTestSupport.plan(SCHEMA,
                "SELECT l, i FROM t WHERE 0.908 * l > 1000000 AND 0.908 * l < 50000000");
        CalcProgram prog = p.compile();
        assertFalse(prog.interpreted(), prog.fallbackReason());
        Batch in = new Batch(SCHEMA, 1024);
        for (int r = 0; r < 1024; r++) {
            int row = in.addRow(RowKind.INSERT);
            in.setLong(0, row, r * 100_000L);
            in.setLong(1, row, r);
        }
        Batch out = new Batch(p.output(), 1024);
        long allocated = CalcTestSupport.steadyStateAllocation(prog.newKernel(), in, out);
        assertNotEquals(0, out.size);
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes over 5000 batches\n" + prog.source());
    }

    /** Scaling down by 19 digits or more: HALF_UP exactly as BigDecimal, at the edge where half of 10^19 fits a long. */
    @org.junit.jupiter.api.Test
    void rescalingDownByNineteenDigitsOrMoreRoundsHalfUp() {
        long[] values = {0, 1, -1, 4_999_999_999_999_999_999L, 5_000_000_000_000_000_000L, -5_000_000_000_000_000_000L,
            6_000_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE + 1};
        for (long u : values) {
            for (int d = 19; d <= 21; d++) {
                long expected = new java.math.BigDecimal(java.math.BigInteger.valueOf(u), d)
                        .setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
                org.junit.jupiter.api.Assertions.assertEquals(expected, ScaledDecimal.rescale(u, d, 0), u + " at scale " + d);
            }
        }
    }
}
