package io.laminar.operator.aggregate;

/**
 * The values one group's COUNT(DISTINCT x) calls have seen, each with the bitmask of the calls (members, at most
 * 64) that saw it: the state {@link AggFunctions.DistinctCounts} shares between the calls over one column.
 *
 * <p>Packed: each entry is one long, the value shifted left by the member count with the members' mask in the low
 * bits — half the bytes of a key/value pair in {@link LongLongHashMap}. Nexmark q16 keeps such a set per channel
 * and day for bidders and for auctions: ten thousand small sets that a row mostly finds cold, and four with tens of
 * thousands of values; halving the table halves the cache lines a probe can miss and the memory each growth
 * zeroes (growing small sets was an eighth of q16's operator time). A stored entry is never 0 (its mask has a bit
 * set: a value is only added for at least one member), so 0 marks a free slot and the value 0 needs no special case.
 * A value whose top {@code memberBits} bits the shift would lose (beyond about ±2^(63 - members); doubles' bit
 * patterns, say) turns the set into a plain {@link LongLongHashMap}, for good. Open addressing with linear probing,
 * Fibonacci hashing by blocks of eight ({@link #home}), grows at two-thirds full; single-threaded like the operator that owns it.
 */
final class DistinctValueSet {
    private static final int MIN_CAPACITY = 8;

    /** How many low bits of an entry hold the members' mask. */
    private final int memberBits;
    private final long memberMask;
    private long[] table;
    private int mask;
    private int shift;
    private int size;
    private int growAt;
    /** Non-null once a value did not fit the packed layout: every entry lives here instead. */
    private LongLongHashMap wide;

    /** A set for calls with {@code members} members (1..64). */
    DistinctValueSet(int members) {
        this(members, true);
    }

    /**
     * {@code packable}: whether values are small enough to share a long with the member bits at all — not the bits of
     * doubles, nearly all of which would widen the set at their first value; such a set starts wide.
     */
    DistinctValueSet(int members, boolean packable) {
        if (members < 1 || members > 64) throw new IllegalArgumentException("members must be 1..64, not " + members);
        memberBits = members;
        memberMask = members == 64 ? -1L : (1L << members) - 1;
        if (!packable || members > 32) wide = new LongLongHashMap(); // too few bits left for the values
        else allocate(MIN_CAPACITY);
    }

    private void allocate(int capacity) {
        table = new long[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        growAt = (int) (capacity * 2L / 3);
    }

    /**
     * Values that differ only in their low three bits share a block of eight slots (one cache line), each at its
     * own offset; the blocks are spread by Fibonacci hashing of the rest. Ids handed out in sequence (bidders,
     * auctions) are mostly counted while recent: their entries then sit in a few lines that stay in cache, where a
     * hash spreading every value would touch one line per value. Values alike in their low bits only fill their
     * blocks from the same offset, which costs a longer probe within the line, never a collision chain across the
     * table.
     */
    private int home(long value) {
        int block = (int) (((value >>> BLOCK_BITS) * 0x9E3779B97F4A7C15L) >>> shift);
        return (block & ~BLOCK_MASK | (int) value & BLOCK_MASK) & mask;
    }

    private static final int BLOCK_BITS = 3;
    private static final int BLOCK_MASK = (1 << BLOCK_BITS) - 1;

    /** Distinct values held. */
    int size() { return wide != null ? wide.size() : size; }

    /**
     * ORs {@code bits} (non-zero, within the members) into the mask of {@code value}, adding the value if new;
     * returns the bits that were not set before (the members that see the value for the first time).
     */
    long orBits(long value, long bits) {
        if (wide != null) return wide.orBits(value, bits);
        final long packed = value << memberBits;
        if (packed >> memberBits != value) {
            widen();
            return wide.orBits(value, bits);
        }
        final long[] t = table;
        final long keyBits = ~memberMask;
        for (int i = home(value); ; i = (i + 1) & mask) {
            long e = t[i];
            if (e == 0) {
                t[i] = packed | bits;
                if (++size > growAt) grow();
                return bits;
            }
            if ((e & keyBits) == packed) {
                t[i] = e | bits;
                return bits & ~e;
            }
        }
    }

    /** Reads this set's fields, not its table, and returns a number made of them: a hint (see {@link #warm}). */
    long warmFields() {
        return mask + size;
    }

    /**
     * Reads the slot a probe for {@code value} starts at and returns it: a hint that brings the line into cache
     * before the row is folded in (see {@link Aggregators#warmValues}). Changes nothing.
     */
    long warm(long value) {
        final long[] t = table;
        return t == null ? 0 : t[home(value)];
    }

    /** The members' mask of {@code value}, 0 when it was never added. */
    long bitsOf(long value) {
        if (wide != null) return wide.get(value, 0);
        final long packed = value << memberBits;
        if (packed >> memberBits != value) return 0; // would not have fitted: never added
        final long keyBits = ~memberMask;
        for (int i = home(value); ; i = (i + 1) & mask) {
            long e = table[i];
            if (e == 0) return 0;
            if ((e & keyBits) == packed) return e & memberMask;
        }
    }

    /**
     * Below this capacity a full table grows fourfold: most sets stay small (q16's ten thousand per-channel sets end
     * at a few hundred values), and each doubling on the way re-inserts every entry and zeroes a fresh table.
     */
    private static final int GROW_FOURFOLD_BELOW = 256;

    private void grow() {
        long[] old = table;
        allocate(old.length < GROW_FOURFOLD_BELOW ? old.length * 4 : old.length * 2);
        for (long e : old) {
            if (e == 0) continue;
            int i = home(e >> memberBits);
            while (table[i] != 0) i = (i + 1) & mask;
            table[i] = e;
        }
    }

    /** Moves every entry into a {@link LongLongHashMap}, which holds any value. */
    private void widen() {
        LongLongHashMap map = new LongLongHashMap(size);
        for (long e : table) {
            if (e != 0) map.orBits(e >> memberBits, e & memberMask);
        }
        wide = map;
        table = null;
    }

    /** Visits every value with its members' mask, in no particular order. The set must not change meanwhile. */
    void forEach(LongLongHashMap.EntryVisitor visitor) throws java.io.IOException {
        if (wide != null) {
            wide.forEach(visitor);
            return;
        }
        for (long e : table) {
            if (e != 0) visitor.visit(e >> memberBits, e & memberMask);
        }
    }
}
