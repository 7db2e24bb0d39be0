package io.laminar.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link StringPool}: equal strings come back as one instance, whatever else passes through unchanged, a pool
 * smaller than the distinct values still answers with an equal string, and a key copied through it equals the probe
 * it came from.
 */
class StringPoolTest {
    @Test void equalStringsShareOneInstanceAndOtherValuesPassThrough() {
        StringPool pool = new StringPool(4);
        String first = new String("2026-11-22");
        assertSame(first, pool.canonical(first));
        assertSame(first, pool.canonical(new String("2026-11-22")));
        BigDecimal d = new BigDecimal("1.50");
        assertSame(d, pool.canonical(d));
        assertEquals(null, pool.canonical(null));
    }

    @Test void longStringsAreNotKeptAlive() {
        StringPool pool = new StringPool(4);
        String text = "x".repeat(StringPool.MAX_POOLED_LENGTH + 1);
        assertSame(text, pool.canonical(text));
        String again = new String(text);
        assertSame(again, pool.canonical(again)); // not pooled: the first is not handed back
    }

    @Test void aPoolSmallerThanTheValuesStillReturnsEqualStrings() {
        StringPool pool = new StringPool(2);
        Random rnd = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            String s = "channel-" + rnd.nextInt(500);
            assertEquals(s, pool.canonical(s));
        }
    }

    @Test void aKeyCopiedThroughThePoolEqualsItsProbeAndSharesStrings() {
        Schema schema = Schema.of(new Field("channel", ColumnType.VARCHAR), new Field("n", ColumnType.BIGINT));
        Batch b = new Batch(schema, 2);
        for (int r = 0; r < 2; r++) {
            b.addRow(RowKind.INSERT);
            b.setObject(0, r, new String("Google"));
            b.setLong(1, r, 3);
        }
        int[] cols = {0, 1};
        StringPool pool = new StringPool(8);
        KeyRow probe = new KeyRow(KeyRow.storageOf(schema, cols));
        KeyRow a = probe.load(b, cols, 0).copy(pool);
        KeyRow c = probe.load(b, cols, 1).copy(pool);
        assertEquals(probe, c);
        assertEquals(probe.hashCode(), c.hashCode());
        Batch out = new Batch(schema, 2);
        out.addRow(RowKind.INSERT);
        out.addRow(RowKind.INSERT);
        a.writeTo(0, out, 0, 0);
        c.writeTo(0, out, 0, 1);
        assertSame(out.objects[0][0], out.objects[0][1]);
    }

    @Test void aBucketCountOutsideTheRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StringPool(0));
        assertThrows(IllegalArgumentException.class, () -> new StringPool(21));
    }
}
