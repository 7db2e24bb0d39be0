package io.laminar.state;

import java.util.function.BiConsumer;

/**
 * The hash table of one namespace of a {@link HeapStateStore}: open addressing with linear probing over three
 * parallel arrays — each key's hash, the key, its value. A probe compares the stored {@code int} hashes first, so a
 * lookup touches a stored {@link KeyRow} (and its strings) only when the hashes agree, usually just the key it is
 * looking for; and there is no node object per entry as in {@code java.util.HashMap}. Removal moves the rest of the
 * run back (no tombstones). Grows at two-thirds full. Not thread-safe; must not be changed during a visit.
 *
 * @param <V> the per-key state
 */
final class KeyRowMap<V> {
    private static final int MIN_CAPACITY = 16;

    private int[] hashes;
    private KeyRow[] keys;
    private Object[] values;
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
        keys = new KeyRow[capacity];
        values = new Object[capacity];
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

    private int indexOf(KeyRow key) {
        final int h = key.hashCode();
        final int[] hs = hashes;
        final KeyRow[] ks = keys;
        for (int i = home(h); ; i = (i + 1) & mask) {
            KeyRow k = ks[i];
            if (k == null) return -1;
            if (hs[i] == h && (k == key || k.equals(key))) return i;
        }
    }

    @SuppressWarnings("unchecked")
    V get(KeyRow key) {
        int i = indexOf(key);
        return i < 0 ? null : (V) values[i];
    }

    /** Stores {@code value} under {@code key} (an equal key already stored stays); returns the previous value or null. */
    @SuppressWarnings("unchecked")
    V put(KeyRow key, V value) {
        final int h = key.hashCode();
        for (int i = home(h); ; i = (i + 1) & mask) {
            KeyRow k = keys[i];
            if (k == null) {
                hashes[i] = h;
                keys[i] = key;
                values[i] = value;
                if (++size > growAt) grow();
                return null;
            }
            if (hashes[i] == h && (k == key || k.equals(key))) {
                V prev = (V) values[i];
                values[i] = value;
                return prev;
            }
        }
    }

    @SuppressWarnings("unchecked")
    V remove(KeyRow key) {
        int i = indexOf(key);
        if (i < 0) return null;
        V v = (V) values[i];
        removeAt(i);
        return v;
    }

    /** Empties slot {@code free}, moving back each later entry of the run whose home is not inside (free, i]. */
    private void removeAt(int free) {
        size--;
        int i = free;
        while (true) {
            i = (i + 1) & mask;
            KeyRow k = keys[i];
            if (k == null) break;
            int home = home(hashes[i]);
            boolean movable = free <= i ? (home <= free || home > i) : (home <= free && home > i);
            if (movable) {
                hashes[free] = hashes[i];
                keys[free] = k;
                values[free] = values[i];
                free = i;
            }
        }
        keys[free] = null;
        values[free] = null;
    }

    private void grow() {
        int[] oldHashes = hashes;
        KeyRow[] oldKeys = keys;
        Object[] oldValues = values;
        allocate(oldKeys.length * 2);
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == null) continue;
            int i = home(oldHashes[j]);
            while (keys[i] != null) i = (i + 1) & mask;
            hashes[i] = oldHashes[j];
            keys[i] = oldKeys[j];
            values[i] = oldValues[j];
        }
    }

    /** Visits every entry, in table order. */
    @SuppressWarnings("unchecked")
    void forEach(BiConsumer<KeyRow, V> visitor) {
        final KeyRow[] ks = keys;
        final Object[] vs = values;
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] != null) visitor.accept(ks[i], (V) vs[i]);
        }
    }

    /** Visits every entry with its namespace, in table order. */
    @SuppressWarnings("unchecked")
    void forEach(long namespace, StateStore.NamespaceVisitor<V> visitor) {
        final KeyRow[] ks = keys;
        final Object[] vs = values;
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] != null) visitor.visit(namespace, ks[i], (V) vs[i]);
        }
    }
}
