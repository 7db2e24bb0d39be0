package io.laminar.operator.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DistinctValueSet} against a {@link java.util.HashMap} from value to members' mask under random adds: the
 * bits each add reports as new, the mask of every value, a full visit (what a checkpoint and a session merge read)
 * — for member counts from 1 to 64, over value ranges that collide, the value 0, negatives, and values too wide for
 * the packed layout (the set must turn into a plain map without losing or changing an entry).
 */
class DistinctValueSetTest {
    private static long value(Random rnd, int range, boolean wideValues) {
        return switch (rnd.nextInt(wideValues ? 10 : 8)) {
            case 0 -> 0;
            case 1 -> -rnd.nextInt(range);
            case 8 -> Long.MIN_VALUE + rnd.nextInt(3);
            case 9 -> Double.doubleToLongBits(rnd.nextInt(range) / 7.0); // a double's bits: does not fit packed
            default -> rnd.nextInt(range);
        };
    }

    private static void assertSame(Map<Long, Long> expected, DistinctValueSet actual) throws Exception {
        assertEquals(expected.size(), actual.size());
        Map<Long, Long> seen = new HashMap<>();
        actual.forEach((v, bits) -> assertEquals(null, seen.put(v, bits), "value visited twice: " + v));
        assertEquals(expected, seen);
        for (Map.Entry<Long, Long> e : expected.entrySet()) assertEquals(e.getValue(), actual.bitsOf(e.getKey()));
    }

    @Test void randomAddsMatchAHashMap() throws Exception {
        for (int seed = 0; seed < 60; seed++) {
            Random rnd = new Random(seed);
            int members = 1 + rnd.nextInt(seed % 3 == 0 ? 64 : 8);
            long all = members == 64 ? -1L : (1L << members) - 1;
            int range = 4 + rnd.nextInt(seed < 30 ? 50 : 5000);
            boolean wideValues = seed % 4 == 1;
            DistinctValueSet set = new DistinctValueSet(members);
            Map<Long, Long> ref = new HashMap<>();
            for (int op = 0; op < 4_000; op++) {
                long v = value(rnd, range, wideValues);
                long bits = rnd.nextLong() & all;
                if (bits == 0) bits = 1L << rnd.nextInt(members);
                long before = ref.getOrDefault(v, 0L);
                ref.put(v, before | bits);
                assertEquals(bits & ~before, set.orBits(v, bits), "seed " + seed + " add " + v);
                assertEquals(0, set.bitsOf(range + 1_000_003L), "never added");
            }
            assertSame(ref, set);
        }
    }

    @Test void aValueTooWideForThePackedLayoutKeepsEveryEntry() throws Exception {
        DistinctValueSet set = new DistinctValueSet(4);
        Map<Long, Long> ref = new HashMap<>();
        for (long v = -50; v < 50; v++) {
            set.orBits(v * 1_000_003L, 1L << (v & 3));
            ref.merge(v * 1_000_003L, 1L << (v & 3), (a, b) -> a | b);
        }
        long wide = Long.MAX_VALUE - 1; // shifted left by four bits it would lose its top bits
        assertEquals(0b1010, set.orBits(wide, 0b1010));
        ref.put(wide, 0b1010L);
        assertEquals(0b0100, set.orBits(wide, 0b0110));
        ref.put(wide, 0b1110L);
        assertSame(ref, set);
    }

    @Test void memberCountOutsideOneToSixtyFourIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DistinctValueSet(0));
        assertThrows(IllegalArgumentException.class, () -> new DistinctValueSet(65));
    }
}
