package io.laminar.state;

import java.util.function.BiConsumer;

/**
 * The hash table of one namespace of a {@link HeapStateStore}: open addressing with linear probing over two
 * arrays — each key's hash, and each key beside its value ({@code entries[2i]}, {@code entries[2i + 1]}, so a hit
 * finds its value in the cache line that held its key, one miss fewer on a table larger than the cache). A probe
 * compares the stored {@code int} hashes first, so a lookup touches a stored {@link KeyRow} (and its strings) only
 * when the hashes agree, usually just the key it is looking for; and there is no node object per entry as in
 * {@code java.util.HashMap}. Removal moves the rest of the
 * run back (no tombstones). Grows at two-thirds full. Not thread-safe; must not be changed during a visit.
 *
 * @param <V> the per-key state
 */
final class KeyRowMap<V> {
    private static final int MIN_CAPACITY = 16;

    private int[] hashes;
    /** Key (a {@link KeyRow}, null: free), value, key, value, ...: {@code capacity} entries. */
    private Object[] entries;
    private int mask;
    private int shift;
    private int size;
    private int growAt;

    /** A table that holds {@code expected} entries without growing. */
    KeyRowMap(long expected) {
        int capacity = MIN_CAPACITY;
        while (capacity * 2L < expected * 3L && capacity < (1 << 30)) capacity <<= 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        hashes = new int[capacity];
        entries = new Object[2 * capacity];
        mask = capacity - 1;
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        growAt = (int) (capacity * 2L / 3);
    }

    /**
     * The top bits of the hash times the golden ratio index the table: the exchange routes rows to cores by the low
     * bits of the same KeyRow hash, so on one core those bits are alike and must not pick the slot.
     */
    private int home(int hash) { return (hash * 0x9E3779B9) >>> shift; }

    int size() { return size; }

    /**
     * Whether this (empty) table would hold {@code expected} entries without growing, and is not so much larger that
     * visiting it would mostly skip empty slots: then a store reuses it for a new namespace.
     */
    boolean fits(long expected) {
        return growAt >= expected && hashes.length <= 8L * Math.max(expected, MIN_CAPACITY);
    }

    /** Empties the table and keeps its arrays (stale hashes of free slots are never read: a free slot has no key). */
    void clear() {
        java.util.Arrays.fill(entries, null);
        size = 0;
    }

    private int indexOf(KeyRow key) {
        final int h = key.hashCode();
        final int[] hs = hashes;
        final Object[] es = entries;
        for (int i = home(h); ; i = (i + 1) & mask) {
            Object k = es[2 * i];
            if (k == null) return -1;
            if (hs[i] == h && (k == key || key.equals(k))) return i;
        }
    }

    @SuppressWarnings("unchecked")
    V get(KeyRow key) {
        int i = indexOf(key);
        return i < 0 ? null : (V) entries[2 * i + 1];
    }

    /** Stores {@code value} under {@code key} (an equal key already stored stays); returns the previous value or null. */
    @SuppressWarnings("unchecked")
    V put(KeyRow key, V value) {
        final int h = key.hashCode();
        for (int i = home(h); ; i = (i + 1) & mask) {
            Object k = entries[2 * i];
            if (k == null) {
                hashes[i] = h;
                entries[2 * i] = key;
                entries[2 * i + 1] = value;
                if (++size > growAt) grow();
                return null;
            }
            if (hashes[i] == h && (k == key || key.equals(k))) {
                V prev = (V) entries[2 * i + 1];
                entries[2 * i + 1] = value;
                return prev;
            }
        }
    }

    @SuppressWarnings("unchecked")
    V remove(KeyRow key) {
        int i = indexOf(key);
        if (i < 0) return null;
        V v = (V) entries[2 * i + 1];
        removeAt(i);
        return v;
    }

    /** Empties slot {@code free}, moving back each later entry of the run whose home is not inside (free, i]. */
    private void removeAt(int free) {
        size--;
        int i = free;
        while (true) {
            i = (i + 1) & mask;
            Object k = entries[2 * i];
            if (k == null) break;
            int home = home(hashes[i]);
            boolean movable = free <= i ? (home <= free || home > i) : (home <= free && home > i);
            if (movable) {
                hashes[free] = hashes[i];
                entries[2 * free] = k;
                entries[2 * free + 1] = entries[2 * i + 1];
                free = i;
            }
        }
        entries[2 * free] = null;
        entries[2 * free + 1] = null;
    }

    private void grow() {
        int[] oldHashes = hashes;
        Object[] old = entries;
        allocate(oldHashes.length * 2);
        for (int j = 0; j < oldHashes.length; j++) {
            if (old[2 * j] == null) continue;
            int i = home(oldHashes[j]);
            while (entries[2 * i] != null) i = (i + 1) & mask;
            hashes[i] = oldHashes[j];
            entries[2 * i] = old[2 * j];
            entries[2 * i + 1] = old[2 * j + 1];
        }
    }

    /** Visits every entry, in table order. */
    @SuppressWarnings("unchecked")
    void forEach(BiConsumer<KeyRow, V> visitor) {
        final Object[] es = entries;
        for (int i = 0; i < es.length; i += 2) {
            if (es[i] != null) visitor.accept((KeyRow) es[i], (V) es[i + 1]);
        }
    }

    /** Visits every entry with its namespace, in table order. */
    @SuppressWarnings("unchecked")
    void forEach(long namespace, StateStore.NamespaceVisitor<V> visitor) {
        final Object[] es = entries;
        for (int i = 0; i < es.length; i += 2) {
            if (es[i] != null) visitor.visit(namespace, (KeyRow) es[i], (V) es[i + 1]);
        }
    }
}
