package io.laminar.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyRow}'s NULL flags (a mask for the first 64 fields, flags beyond) against a {@code List} of the values: keys
 * of 1 to 70 mixed-storage fields, mostly NULL or mostly not, equal exactly when the lists are equal, with equal
 * hashes then; a copy and a write/read round trip give an equal key; each field reads back (NULL or its value).
 */
class KeyRowPropertyTest {
    private static final ColumnType[] TYPES = {ColumnType.BIGINT, ColumnType.DOUBLE, ColumnType.VARCHAR};

    @Test void keysEqualExactlyWhenTheirValuesDo() throws IOException {
        Random rnd = new Random(7);
        for (int run = 0; run < 400; run++) {
            int arity = 1 + rnd.nextInt(70);
            Field[] fields = new Field[arity];
            for (int i = 0; i < arity; i++) fields[i] = new Field("f" + i, TYPES[rnd.nextInt(TYPES.length)], true, 0, 0);
            Schema schema = Schema.of(fields);
            int[] columns = new int[arity];
            Arrays.setAll(columns, i -> i);
            int nullPercent = rnd.nextInt(100);
            Batch b = new Batch(schema, 2);
            List<Object> first = new ArrayList<>();
            int r0 = b.addRow(RowKind.INSERT);
            for (int c = 0; c < arity; c++) {
                Object x = rnd.nextInt(100) < nullPercent ? null : switch (fields[c].type().storage) {
                    case LONG -> (long) rnd.nextInt(3);
                    case DOUBLE -> (double) rnd.nextInt(3);
                    case OBJECT, SCALED_DECIMAL -> "s" + rnd.nextInt(3); // a type's storage is never the latter
                };
                b.setValue(c, r0, x);
                first.add(x);
            }
            // the second key: the first, or the first with one field's NULL flag flipped — to a zero value, which is
            // what a NULL field holds, so only the flag tells them apart; often among the last fields (past 64)
            List<Object> second = new ArrayList<>(first);
            int r1 = b.addRow(RowKind.INSERT);
            for (int c = 0; c < arity; c++) b.copyValue(c, r1, b, c, r0);
            if (rnd.nextInt(4) > 0) {
                int f = rnd.nextBoolean() ? arity - 1 - rnd.nextInt(Math.min(arity, 8)) : rnd.nextInt(arity);
                Object zero = switch (fields[f].type().storage) {
                    case LONG -> 0L;
                    case DOUBLE -> 0.0;
                    case OBJECT, SCALED_DECIMAL -> "s0";
                };
                second.set(f, first.get(f) == null ? zero : null);
                b.setValue(f, r1, second.get(f));
            }
            List<List<Object>> values = List.of(first, second);
            KeyRow a = new KeyRow(KeyRow.storageOf(schema, columns)).load(b, columns, 0).copy();
            KeyRow c = new KeyRow(KeyRow.storageOf(schema, columns)).load(b, columns, 1);
            String what = "run " + run + ": " + values;
            assertEquals(values.get(0).equals(values.get(1)), a.equals(c), what);
            if (a.equals(c)) assertEquals(a.hashCode(), c.hashCode(), what);
            for (int i = 0; i < arity; i++) assertEquals(values.get(1).get(i) == null, c.isNull(i), what + ", field " + i);
            assertEquals(c, c.copy(), what);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            c.write(new DataOutputStream(bytes));
            KeyRow read = KeyRow.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), c.storage());
            assertEquals(c, read, what);
            assertEquals(c.hashCode(), read.hashCode(), what);
            assertEquals(c.toString(), read.toString(), what);
        }
    }
}
