package io.laminar.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Batch#appendRows}, the column-by-column gather an exchange splits a batch with: the same rows, kinds, NULLs
 * and decimals (scaled and spilled) as appending the rows one by one, after whatever the target held already.
 */
class BatchGatherTest {
    static final Schema SCHEMA = Schema.of(new Field("id", ColumnType.BIGINT), new Field("x", ColumnType.DOUBLE),
            new Field("s", ColumnType.VARCHAR), new Field("d", ColumnType.DECIMAL, true, 38, 2),
            new Field("o", ColumnType.DECIMAL), new Field("ok", ColumnType.BOOLEAN));

    @Test void gatheringRowsGivesWhatAppendingThemOneByOneGives() {
        Random rnd = new Random(5);
        for (int round = 0; round < 200; round++) {
            Batch from = randomBatch(rnd, rnd.nextInt(300));
            int targets = 1 + rnd.nextInt(4);
            int[][] rows = new int[targets][from.size];
            int[] counts = new int[targets];
            for (int r = 0; r < from.size; r++) {
                int t = rnd.nextInt(targets);
                rows[t][counts[t]++] = r;
            }
            for (int t = 0; t < targets; t++) {
                Batch gathered = randomBatch(rnd, rnd.nextInt(5)); // rows already there stay, new ones go after them
                if (rnd.nextBoolean()) gathered.lateness = new long[gathered.capacity()];
                if (gathered.lateness != null) java.util.Arrays.fill(gathered.lateness, 9);
                Batch expected = gathered.copy();
                expected.lateness = gathered.lateness == null ? null : gathered.lateness.clone();
                for (int i = 0; i < counts[t]; i++) expected.appendRow(from, rows[t][i], from.ops[rows[t][i]]);
                gathered.appendRows(from, rows[t], counts[t]);
                assertEquals(expected.size, gathered.size);
                for (int r = 0; r < expected.size; r++) {
                    assertEquals(expected.ops[r], gathered.ops[r], "kind of row " + r);
                    assertArrayEquals(expected.row(r), gathered.row(r), "row " + r + " of " + gathered.size);
                    for (int c = 0; c < SCHEMA.size(); c++) assertEquals(expected.isNull(c, r), gathered.isNull(c, r));
                    if (gathered.lateness != null) assertEquals(expected.lateness[r], gathered.lateness[r]);
                }
            }
        }
    }

    /** The same columns with their DECIMALs held another way: another scale, and scaled longs for the object one. */
    static final Schema OTHER_DECIMALS = Schema.of(new Field("id", ColumnType.BIGINT), new Field("x", ColumnType.DOUBLE),
            new Field("s", ColumnType.VARCHAR), new Field("d", ColumnType.DECIMAL, true, 38, 4),
            new Field("o", ColumnType.DECIMAL, true, 38, 3), new Field("ok", ColumnType.BOOLEAN));

    @Test void aColumnHeldAnotherWayIsConvertedAsAppendingConvertsIt() {
        Random rnd = new Random(6);
        Batch from = randomBatch(rnd, 500);
        int[] rows = new int[from.size];
        int count = 0;
        for (int r = 0; r < from.size; r++) if (rnd.nextBoolean()) rows[count++] = r;
        Batch expected = new Batch(OTHER_DECIMALS, 4);
        for (int i = 0; i < count; i++) expected.appendRow(from, rows[i], from.ops[rows[i]]);
        Batch gathered = new Batch(OTHER_DECIMALS, 4);
        gathered.appendRows(from, rows, count);
        assertEquals(count, gathered.size);
        for (int r = 0; r < count; r++) {
            assertEquals(expected.ops[r], gathered.ops[r]);
            assertArrayEquals(expected.row(r), gathered.row(r), "row " + r);
        }
    }

    static Batch randomBatch(Random rnd, int rows) {
        return randomBatch(rnd, rows, SCHEMA);
    }

    static Batch randomBatch(Random rnd, int rows, Schema schema) {
        Batch b = new Batch(schema, 1 + rnd.nextInt(8)); // small: appending must grow it
        for (int i = 0; i < rows; i++) {
            byte kind = (byte) rnd.nextInt(4);
            int r = b.addRow(kind);
            if (rnd.nextInt(5) == 0) b.setNull(0, r); else b.setLong(0, r, rnd.nextLong());
            if (rnd.nextInt(5) == 0) b.setNull(1, r); else b.setDouble(1, r, rnd.nextGaussian());
            if (rnd.nextInt(5) == 0) b.setNull(2, r); else b.setObject(2, r, "s" + rnd.nextInt(1000));
            if (rnd.nextInt(5) == 0) b.setNull(3, r); else b.setDecimal(3, r, ScaledDecimalBatchTest.randomDecimal(rnd));
            if (rnd.nextInt(5) == 0) b.setNull(4, r); else b.setObject(4, r, BigDecimal.valueOf(rnd.nextInt(), 3));
            if (rnd.nextInt(5) == 0) b.setNull(5, r); else b.setLong(5, r, rnd.nextInt(2));
        }
        return b;
    }
}
