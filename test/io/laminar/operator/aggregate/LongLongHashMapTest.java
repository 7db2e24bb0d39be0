package io.laminar.operator.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LongLongHashMap} against {@link java.util.HashMap} under random operations: inserts, overwrites, counts that
 * rise and fall to zero (retractions), removals — over key ranges small enough to collide and to exercise the
 * backward shift of removal across the table's wrap-around — and copies through {@code forEach} (what a checkpoint
 * and a session merge do).
 */
class LongLongHashMapTest {
    /** Keys that share a home slot, the key 0 (kept aside), negatives and extremes. */
    private static long key(Random rnd, int range) {
        return switch (rnd.nextInt(8)) {
            case 0 -> 0;
            case 1 -> Long.MIN_VALUE + rnd.nextInt(3);
            case 2 -> Long.MAX_VALUE - rnd.nextInt(3);
            case 3 -> -rnd.nextInt(range);
            default -> rnd.nextInt(range);
        };
    }

    private static void assertSame(Map<Long, Long> expected, LongLongHashMap actual) throws Exception {
        assertEquals(expected.size(), actual.size());
        Map<Long, Long> seen = new HashMap<>();
        actual.forEach((k, v) -> assertEquals(null, seen.put(k, v), "key visited twice: " + k));
        assertEquals(expected, seen);
        for (Map.Entry<Long, Long> e : expected.entrySet()) {
            assertTrue(actual.containsKey(e.getKey()));
            assertEquals(e.getValue(), actual.get(e.getKey(), -1));
        }
    }

    @Test void randomOperationsMatchAHashMap() throws Exception {
        for (int seed = 0; seed < 40; seed++) {
            Random rnd = new Random(seed);
            int range = 4 + rnd.nextInt(seed < 20 ? 40 : 4000);
            LongLongHashMap map = new LongLongHashMap();
            Map<Long, Long> ref = new HashMap<>();
            for (int op = 0; op < 5_000; op++) {
                long k = key(rnd, range);
                switch (rnd.nextInt(5)) {
                    case 0 -> {
                        long v = rnd.nextInt(100) - 10;
                        Long prev = ref.put(k, v);
                        assertEquals(prev == null ? Long.MIN_VALUE : prev, map.put(k, v, Long.MIN_VALUE), "put " + k);
                    }
                    case 1 -> {
                        Long prev = ref.remove(k);
                        assertEquals(prev == null ? -7 : prev, map.remove(k, -7), "remove " + k);
                    }
                    case 2, 3 -> {
                        long delta = rnd.nextInt(3) == 0 ? -1 - rnd.nextInt(2) : 1 + rnd.nextInt(2);
                        Long cur = ref.get(k);
                        long next = (cur == null ? 0 : cur) + delta;
                        if (cur == null && delta <= 0) next = 0;
                        else if (next <= 0) ref.remove(k);
                        else ref.put(k, next);
                        assertEquals(Math.max(next, 0), map.addCount(k, delta), "addCount " + k + " " + delta);
                    }
                    default -> {
                        long bits = 1L << rnd.nextInt(64) | 1L << rnd.nextInt(64);
                        long old = ref.getOrDefault(k, 0L);
                        ref.put(k, old | bits);
                        assertEquals(bits & ~old, map.orBits(k, bits), "orBits " + k);
                    }
                }
                assertEquals(ref.size(), map.size());
                if (op % 500 == 0) assertSame(ref, map);
            }
            assertSame(ref, map);
            // a restore: an exact-size map filled from a visit of this one
            LongLongHashMap copy = new LongLongHashMap(map.size());
            map.forEach((k, v) -> copy.put(k, v, 0));
            assertSame(ref, copy);
        }
    }

    @Test void theKeyZeroIsAnOrdinaryKey() throws Exception {
        LongLongHashMap map = new LongLongHashMap();
        assertFalse(map.containsKey(0));
        assertEquals(2, map.addCount(0, 2));
        assertEquals(1, map.size());
        assertEquals(0, map.addCount(0, -2));
        assertTrue(map.isEmpty());
        assertEquals(0, map.addCount(0, -1)); // a retraction of a value never added takes nothing back
        assertTrue(map.isEmpty());
        assertEquals(5, map.orBits(0, 5));
        assertEquals(2, map.orBits(0, 6));
        assertEquals(7, map.get(0, -1));
    }

    @Test void growsFromEveryPresizeAndKeepsAllKeys() throws Exception {
        for (int expected : new int[] {0, 1, 7, 100}) {
            LongLongHashMap map = new LongLongHashMap(expected);
            Map<Long, Long> ref = new HashMap<>();
            for (long k = 0; k < 10_000; k += 3) {
                map.put(k * 1_000_003, k, 0);
                ref.put(k * 1_000_003, k);
            }
            assertSame(ref, map);
        }
    }
}
