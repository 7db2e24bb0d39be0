package io.laminar.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyRowMap} against {@link java.util.HashMap} under random puts, overwrites and removals of (BIGINT, VARCHAR)
 * keys with NULLs, probed through a reused {@link KeyRow} as operators probe — key ranges from a handful (long probe
 * runs, removals shifting entries back across the wrap-around) to thousands (growth), from empty and presized tables.
 */
class KeyRowMapTest {
    private static final Schema SCHEMA = Schema.of(new Field("id", ColumnType.BIGINT, true), new Field("name", ColumnType.VARCHAR, true));
    private static final int[] COLUMNS = {0, 1};

    private static KeyRow load(KeyRow probe, Batch b, Random rnd, int range) {
        b.clear();
        int r = b.addRow(RowKind.INSERT);
        int v = rnd.nextInt(range);
        if (v % 7 == 0) b.setNull(0, r); else b.setLong(0, r, v / 2);
        if (v % 5 == 0) b.setNull(1, r); else b.setObject(1, r, "k" + (v % 3));
        return probe.load(b, COLUMNS, r);
    }

    private static void assertSame(Map<KeyRow, Integer> expected, KeyRowMap<Integer> actual) {
        assertEquals(expected.size(), actual.size());
        Map<KeyRow, Integer> seen = new HashMap<>();
        actual.forEach((k, v) -> assertNull(seen.put(k, v), "visited twice: " + k));
        assertEquals(expected, seen);
        expected.forEach((k, v) -> assertEquals(v, actual.get(k)));
    }

    @Test void randomOperationsMatchAHashMap() {
        for (int seed = 0; seed < 30; seed++) {
            Random rnd = new Random(seed);
            int range = 3 + rnd.nextInt(seed < 15 ? 30 : 5_000);
            KeyRowMap<Integer> map = new KeyRowMap<>(seed % 3 == 0 ? 0 : rnd.nextInt(200));
            Map<KeyRow, Integer> ref = new HashMap<>();
            KeyRow probe = new KeyRow(KeyRow.storageOf(SCHEMA, COLUMNS));
            Batch b = new Batch(SCHEMA, 1);
            for (int op = 0; op < 4_000; op++) {
                load(probe, b, rnd, range);
                switch (rnd.nextInt(4)) {
                    case 0, 1 -> {
                        int v = rnd.nextInt(1_000);
                        Integer prev = ref.get(probe);
                        KeyRow stored = prev == null ? probe.copy() : probe; // as operators do: copy only a new key
                        ref.put(stored.copy(), v);
                        assertEquals(prev, map.put(prev == null ? stored : probe.copy(), v), "put " + probe);
                    }
                    case 2 -> assertEquals(ref.remove(probe), map.remove(probe), "remove " + probe);
                    default -> assertEquals(ref.get(probe), map.get(probe), "get " + probe);
                }
                assertEquals(ref.size(), map.size());
                if (op % 400 == 0) assertSame(ref, map);
            }
            assertSame(ref, map);
        }
    }
}
