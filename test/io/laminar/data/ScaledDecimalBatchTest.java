package io.laminar.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * DECIMAL columns of known scale held as scaled longs with a BigDecimal spill: every way a value enters, moves and
 * leaves a batch gives back the BigDecimal at the field's scale — for values inside the long range and outside it
 * (spilled), and NULLs.
 */
class ScaledDecimalBatchTest {
    static final Schema SCHEMA = Schema.of(new Field("a", ColumnType.DECIMAL, true, 38, 2),
            new Field("b", ColumnType.DECIMAL, true, 38, 18), new Field("c", ColumnType.DECIMAL, true, 22, 0),
            new Field("o", ColumnType.DECIMAL)); // no known scale: objects, as before

    /** A random decimal: small, near the long range's edges, or far beyond it; sometimes more digits than the scale. */
    static BigDecimal randomDecimal(Random rnd) {
        BigInteger unscaled = switch (rnd.nextInt(5)) {
            case 0 -> BigInteger.valueOf(rnd.nextInt(2_000_001) - 1_000_000);
            case 1 -> BigInteger.valueOf(rnd.nextLong());
            case 2 -> BigInteger.valueOf(rnd.nextBoolean() ? Long.MAX_VALUE - rnd.nextInt(3) : Long.MIN_VALUE + rnd.nextInt(3));
            case 3 -> new BigInteger(64 + rnd.nextInt(60), rnd).multiply(BigInteger.valueOf(rnd.nextBoolean() ? 1 : -1));
            default -> BigInteger.valueOf(Long.MIN_VALUE);
        };
        return new BigDecimal(unscaled, rnd.nextInt(5));
    }

    @Test
    void storageIsAPropertyOfTheField() {
        assertEquals(ColumnType.Storage.SCALED_DECIMAL, SCHEMA.field(0).storage());
        assertEquals(ColumnType.Storage.SCALED_DECIMAL, SCHEMA.field(1).storage());
        assertEquals(ColumnType.Storage.OBJECT, SCHEMA.field(3).storage());
        assertEquals(ColumnType.Storage.OBJECT, new Field("x", ColumnType.DECIMAL, true, 38, 19).storage());
        Batch b = new Batch(SCHEMA, 4);
        assertNotNull(b.longs[0]);
        assertNotNull(b.objects[0]);
        assertNull(b.longs[3]);
        assertEquals(2, b.decimalScale(0));
        assertEquals(-1, b.decimalScale(3));
    }

    @Test
    void everyAccessorGivesTheValueAtTheFieldsScale() {
        Random rnd = new Random(11);
        Batch b = new Batch(SCHEMA, 2);
        for (int i = 0; i < 20_000; i++) {
            int r = b.addRow(RowKind.INSERT);
            BigDecimal[] row = new BigDecimal[SCHEMA.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = rnd.nextInt(8) == 0 ? null : randomDecimal(rnd);
                switch (rnd.nextInt(3)) {
                    case 0 -> b.setDecimal(c, r, row[c]);
                    case 1 -> b.setObject(c, r, row[c]);
                    default -> b.setValue(c, r, row[c] == null ? null : row[c].toPlainString());
                }
            }
            for (int c = 0; c < row.length; c++) {
                Field f = SCHEMA.field(c);
                BigDecimal expected = row[c] == null ? null
                        : f.scale() >= 0 ? row[c].setScale(f.scale(), RoundingMode.HALF_UP) : row[c];
                assertEquals(expected, b.decimal(c, r), f + " " + row[c]);
                assertEquals(expected, b.value(c, r));
                assertEquals(expected, b.getObject(c, r));
                assertEquals(row[c] == null, b.isNull(c, r));
                if (b.decimalScale(c) >= 0 && expected != null) {
                    boolean fits = expected.unscaledValue().bitLength() <= 63
                            && expected.unscaledValue().longValue() != Long.MIN_VALUE;
                    assertEquals(fits ? expected.unscaledValue().longValue() : Batch.DECIMAL_SPILLED, b.longs[c][r]);
                    assertEquals(fits ? null : expected, b.objects[c][r], "the spill holds only what does not fit");
                }
            }
        }
        // copies: copy(), copyTo into a smaller reused batch, copyRow, appendRow, sameValues
        Batch copy = b.copy();
        Batch reused = new Batch(SCHEMA, 1);
        b.copyTo(reused);
        Batch appended = new Batch(SCHEMA, 1);
        for (int r = 0; r < b.size; r++) appended.appendRow(b, r, b.ops[r]);
        for (int r = 0; r < b.size; r++) {
            for (Batch x : new Batch[] {copy, reused, appended}) {
                assertArrayEquals(b.row(r), x.row(r));
                assertTrue(b.sameValues(r, x, r));
            }
        }
        // a changed spilled value is a different row
        int r = b.addRow(RowKind.INSERT);
        int s = b.addRow(RowKind.INSERT);
        BigDecimal huge = new BigDecimal("123456789012345678901234.5");
        b.setDecimal(0, r, huge);
        b.setDecimal(0, s, huge.add(BigDecimal.ONE));
        for (int c = 1; c < SCHEMA.size(); c++) {
            b.setNull(c, r);
            b.setNull(c, s);
        }
        assertFalse(b.sameValues(r, s));
        b.copyRow(s, b, r);
        assertTrue(b.sameValues(r, s));
        b.setNull(0, s);
        assertNull(b.objects[0][s], "NULL clears the spill");
        assertEquals(0, b.longs[0][s]);
        b.clear();
        for (Object o : b.objects[0]) assertNull(o, "clear lets spilled decimals be collected");
    }

    @Test
    void theSentinelValueItselfSpills() {
        Batch b = new Batch(SCHEMA, 1);
        int r = b.addRow(RowKind.INSERT);
        b.setScaledDecimal(0, r, Long.MIN_VALUE);
        assertEquals(BigDecimal.valueOf(Long.MIN_VALUE, 2), b.decimal(0, r));
        assertEquals(Batch.DECIMAL_SPILLED, b.longs[0][r]);
        b.setScaledDecimal(0, r, 12345);
        assertEquals(new BigDecimal("123.45"), b.decimal(0, r));
        assertNull(b.objects[0][r]);
    }

    @Test
    void copyBetweenObjectAndScaledColumnsConverts() {
        Schema objects = Schema.of(new Field("a", ColumnType.DECIMAL));
        Schema scaled = Schema.of(new Field("a", ColumnType.DECIMAL, true, 38, 3));
        Batch from = new Batch(objects, 2), to = new Batch(scaled, 2), back = new Batch(objects, 2);
        for (BigDecimal v : new BigDecimal[] {new BigDecimal("1.23456"), new BigDecimal("1e30"), null}) {
            int r = from.addRow(RowKind.INSERT);
            from.setDecimal(0, r, v);
            to.addRow(RowKind.INSERT);
            to.copyValue(0, r, from, 0, r);
            back.addRow(RowKind.INSERT);
            back.copyValue(0, r, to, 0, r);
            BigDecimal expected = v == null ? null : v.setScale(3, RoundingMode.HALF_UP);
            assertEquals(expected, to.decimal(0, r));
            assertEquals(expected, back.decimal(0, r));
        }
    }

    @Test
    void plainTextWithoutABigDecimalMatchesToPlainString() {
        Random rnd = new Random(5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            long u = switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextInt(2001) - 1000;
                case 1 -> rnd.nextLong();
                case 2 -> Long.MAX_VALUE - rnd.nextInt(10);
                default -> Long.MIN_VALUE + 1 + rnd.nextInt(10);
            };
            int scale = rnd.nextInt(19);
            sb.setLength(0);
            Values.appendPlainDecimal(u, scale, sb);
            assertEquals(BigDecimal.valueOf(u, scale).toPlainString(), sb.toString(), u + " at scale " + scale);
        }
    }

    @Test
    void arrowRoundTripKeepsSpilledAndUnspilledValues() {
        Random rnd = new Random(3);
        Batch b = new Batch(SCHEMA, 8);
        for (int i = 0; i < 500; i++) {
            int r = b.addRow(RowKind.INSERT);
            for (int c = 0; c < SCHEMA.size(); c++) {
                BigDecimal v = rnd.nextInt(6) == 0 ? null : randomDecimal(rnd);
                // an Arrow DECIMAL vector holds the field's precision (38 when unknown)
                Field f = SCHEMA.field(c);
                if (v != null && v.setScale(Math.max(f.scale(), 0), RoundingMode.HALF_UP).precision()
                        > (f.precision() > 0 ? f.precision() : 38)) v = null;
                b.setDecimal(c, r, v);
            }
        }
        try (RootAllocator alloc = new RootAllocator(); VectorSchemaRoot root = ArrowBatches.toArrow(b, alloc)) {
            Batch back = new Batch(SCHEMA, 1);
            for (int r = 0; r < root.getRowCount(); r++) {
                int o = back.addRow(RowKind.INSERT);
                for (int c = 0; c < SCHEMA.size(); c++) back.setValue(c, o, ArrowBatches.value(root.getVector(c), r));
            }
            for (int r = 0; r < b.size; r++) {
                for (int c = 0; c < 3; c++) assertEquals(b.decimal(c, r), back.decimal(c, r), "row " + r + " col " + c);
                // the column of unknown scale goes through Arrow at scale 0 (as before this change)
                BigDecimal o = b.decimal(3, r);
                assertEquals(o == null ? null : o.setScale(0, RoundingMode.HALF_UP), back.decimal(3, r));
            }
        }
    }
}
