package io.laminar.operator.aggregate;

/**
 * A hash map from long to long in one primitive array, open addressing with linear probing: the state of
 * COUNT(DISTINCT) over numbers, which a boxed {@code HashSet<Long>} made the most expensive part of Nexmark q15/q16
 * (a {@code Long} and a map node per value, a pointer chase per lookup). Entry {@code i}'s key is
 * {@code slots[2i]} and its value {@code slots[2i + 1]}, side by side so that a probe of a table larger than the
 * cache misses once, not once per array; key 0 marks a free slot, so the key 0 itself is kept aside
 * ({@link #hasZero}). Removal
 * shifts the following run back instead of leaving tombstones, so lookups never slow down under churn
 * (retractions). Grows at half full; allocates only when it grows. Single-threaded, like the operator that owns it.
 */
final class LongLongHashMap {
    private static final int MIN_CAPACITY = 8;

    /** Key, value, key, value, ...: {@code capacity} entries. */
    private long[] slots;
    /** 64 minus log2(capacity): the multiplicative hash's top bits index the table. */
    private int shift;
    private int mask;
    private int size;
    private boolean hasZero;
    private long zeroValue;

    LongLongHashMap() {
        this(MIN_CAPACITY);
    }

    /** A map that holds {@code expected} keys without growing. */
    LongLongHashMap(int expected) {
        int capacity = MIN_CAPACITY;
        while (capacity < expected * 2L && capacity < (1 << 30)) capacity <<= 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        slots = new long[capacity * 2];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    /** Fibonacci hashing: sequential ids (bidders, auctions) spread over the whole table. */
    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    /** Keys held (the key 0 included). */
    int size() { return size; }

    boolean isEmpty() { return size == 0; }

    /** The index the key 0 is addressed by: its entry lives in {@link #zeroValue}, not in the table. */
    private static final int ZERO = Integer.MAX_VALUE;

    /** The entry index of {@code key}, or {@code -1 - index} of the free slot where it would go. */
    private int find(long key) {
        if (key == 0) return hasZero ? ZERO : -1 - ZERO;
        final long[] s = slots;
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = s[2 * i];
            if (k == key) return i;
            if (k == 0) return -1 - i;
        }
    }

    private long valueAt(int i) { return i == ZERO ? zeroValue : slots[2 * i + 1]; }

    private void setValueAt(int i, long value) {
        if (i == ZERO) zeroValue = value;
        else slots[2 * i + 1] = value;
    }

    /** Puts a new key into free slot {@code i} (as {@link #find} returned it, decoded). */
    private void insertAt(int i, long key, long value) {
        size++;
        if (i == ZERO) {
            hasZero = true;
            zeroValue = value;
            return;
        }
        slots[2 * i] = key;
        slots[2 * i + 1] = value;
        if (size * 2 > mask + 1) grow();
    }

    boolean containsKey(long key) { return find(key) >= 0; }

    /** The value of {@code key}, or {@code missing} when absent. */
    long get(long key, long missing) {
        int i = find(key);
        return i >= 0 ? valueAt(i) : missing;
    }

    /** Sets {@code key} to {@code value}; returns the previous value, or {@code missing} when the key is new. */
    long put(long key, long value, long missing) {
        int i = find(key);
        if (i < 0) {
            insertAt(-1 - i, key, value);
            return missing;
        }
        long prev = valueAt(i);
        setValueAt(i, value);
        return prev;
    }

    /**
     * ORs {@code bits} into the value of {@code key} (a new key starts at 0) and returns the bits that were not set
     * before — one probe for COUNT(DISTINCT)'s "which calls see this value for the first time".
     */
    long orBits(long key, long bits) {
        int i = find(key);
        if (i < 0) {
            insertAt(-1 - i, key, bits);
            return bits;
        }
        long old = valueAt(i);
        setValueAt(i, old | bits);
        return bits & ~old;
    }

    /**
     * Adds {@code delta} to the value of {@code key}; a key new to the map starts at 0 and is only inserted for a
     * positive delta, and a key whose value drops to 0 or below leaves the map (multiplicities under retraction).
     * Returns the new value (0 when the key left or was never there).
     */
    long addCount(long key, long delta) {
        int i = find(key);
        if (i < 0) {
            if (delta <= 0) return 0; // a retraction of a value never added takes nothing back
            insertAt(-1 - i, key, delta);
            return delta;
        }
        long v = valueAt(i) + delta;
        if (v > 0) {
            setValueAt(i, v);
            return v;
        }
        removeEntry(i);
        return 0;
    }

    /** Removes {@code key}; returns its value, or {@code missing} when it was absent. */
    long remove(long key, long missing) {
        int i = find(key);
        if (i < 0) return missing;
        long v = valueAt(i);
        removeEntry(i);
        return v;
    }

    private void removeEntry(int i) {
        if (i != ZERO) {
            removeAt(i);
            return;
        }
        hasZero = false;
        zeroValue = 0;
        size--;
    }

    /**
     * Empties slot {@code free} and moves back every entry of the run after it that would otherwise no longer be
     * found (its home slot lies cyclically at or before the gap): linear probing without tombstones.
     */
    private void removeAt(int free) {
        size--;
        int i = free;
        while (true) {
            i = (i + 1) & mask;
            long k = slots[2 * i];
            if (k == 0) break;
            int home = slot(k);
            // k may fill the gap when its home is not cyclically inside (free, i]
            boolean movable = free <= i ? (home <= free || home > i) : (home <= free && home > i);
            if (movable) {
                slots[2 * free] = k;
                slots[2 * free + 1] = slots[2 * i + 1];
                free = i;
            }
        }
        slots[2 * free] = 0;
        slots[2 * free + 1] = 0;
    }

    private void grow() {
        long[] old = slots;
        allocate(old.length); // twice the entries: old.length / 2 entries before
        for (int j = 0; j < old.length; j += 2) {
            long k = old[j];
            if (k == 0) continue;
            int i = slot(k);
            while (slots[2 * i] != 0) i = (i + 1) & mask;
            slots[2 * i] = k;
            slots[2 * i + 1] = old[j + 1];
        }
    }

    /** Receives the entries of a map (checkpoints, merging). */
    interface EntryVisitor {
        void visit(long key, long value) throws java.io.IOException;
    }

    /** Visits every entry, in no particular order. The map must not change during the visit. */
    void forEach(EntryVisitor visitor) throws java.io.IOException {
        if (hasZero) visitor.visit(0, zeroValue);
        long[] s = slots;
        for (int j = 0; j < s.length; j += 2) {
            if (s[j] != 0) visitor.visit(s[j], s[j + 1]);
        }
    }
}
