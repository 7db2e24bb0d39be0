package io.laminar.state;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * {@link StateStore} on the Java heap: a sorted array of live namespaces, each an open-addressing
 * {@link KeyRowMap} from key to value. Rows mostly hit the newest few windows, so the last namespace looked up is
 * cached and lookups neither box the namespace nor allocate. A new namespace's table starts at the size of the
 * last one evicted — windows of a steady stream hold about as many keys as the one before — so it rarely grows
 * while it fills. Single-threaded (owned by one core).
 */
public final class HeapStateStore<V> implements StateStore<V> {
    private long[] namespaces = new long[8];
    private KeyRowMap<V>[] maps = newMaps(8);
    private int count;
    private long size;
    private int lastIndex = -1;
    private long reserved;
    /** Entries of the largest namespace evicted by the last {@link #removeNamespacesUpTo}: the next one's size hint. */
    private long lastEvictedSize;
    /** An evicted namespace's table, emptied, for the next new namespace (see {@link KeyRowMap#fits}). */
    private KeyRowMap<V> spare;

    @SuppressWarnings("unchecked")
    private static <V> KeyRowMap<V>[] newMaps(int n) {
        return (KeyRowMap<V>[]) new KeyRowMap[n];
    }

    private int find(long namespace) {
        int li = lastIndex;
        if (li >= 0 && li < count) {
            if (namespaces[li] == namespace) return li;
            // a HOP row visits its windows' ends one slide apart, in descending order: the next one down
            if (li > 0 && namespaces[li - 1] == namespace) return lastIndex = li - 1;
        }
        int i = Arrays.binarySearch(namespaces, 0, count, namespace);
        if (i >= 0) lastIndex = i;
        return i;
    }

    private KeyRowMap<V> mapFor(long namespace, boolean create) {
        int i = find(namespace);
        if (i >= 0) return maps[i];
        if (!create) return null;
        int at = -i - 1;
        if (count == namespaces.length) {
            namespaces = Arrays.copyOf(namespaces, count * 2);
            maps = Arrays.copyOf(maps, count * 2);
        }
        System.arraycopy(namespaces, at, namespaces, at + 1, count - at);
        System.arraycopy(maps, at, maps, at + 1, count - at);
        namespaces[at] = namespace;
        long expected = Math.max(reserved, lastEvictedSize);
        KeyRowMap<V> m = spare;
        if (m != null && m.fits(expected)) spare = null;
        else m = new KeyRowMap<>(expected);
        reserved = 0;
        maps[at] = m;
        count++;
        lastIndex = at;
        return m;
    }

    @Override public V get(long namespace, KeyRow key) {
        KeyRowMap<V> m = mapFor(namespace, false);
        return m == null ? null : m.get(key);
    }

    /** Values are the live objects, held until their key is removed. */
    @Override public boolean valuesStayPut() { return true; }

    @Override public void put(long namespace, KeyRow key, V value) {
        if (mapFor(namespace, true).put(key, value) == null) size++;
    }

    @Override public V remove(long namespace, KeyRow key) {
        KeyRowMap<V> m = mapFor(namespace, false);
        if (m == null) return null;
        V v = m.remove(key);
        if (v != null) size--;
        return v;
    }

    @Override public void forEach(long namespace, BiConsumer<KeyRow, V> visitor) {
        KeyRowMap<V> m = mapFor(namespace, false);
        if (m != null) m.forEach(visitor);
    }

    @Override public void removeNamespacesUpTo(long upTo, NamespaceVisitor<V> visitor) {
        evictUpTo(upTo, visitor);
    }

    /** {@link #removeNamespacesUpTo} without visiting what is removed (nothing to emit: no walk over the tables). */
    public void dropNamespacesUpTo(long upTo) {
        evictUpTo(upTo, null);
    }

    private void evictUpTo(long upTo, NamespaceVisitor<V> visitor) {
        int n = 0;
        KeyRowMap<V> largest = null;
        while (n < count && namespaces[n] <= upTo) {
            KeyRowMap<V> m = maps[n];
            if (visitor != null) m.forEach(namespaces[n], visitor);
            size -= m.size();
            if (largest == null || m.size() >= largest.size()) largest = m;
            n++;
        }
        if (n == 0) return;
        lastEvictedSize = largest.size();
        // the largest evicted table serves the next namespace: a steady stream of windows allocates none
        largest.clear();
        spare = largest;
        System.arraycopy(namespaces, n, namespaces, 0, count - n);
        System.arraycopy(maps, n, maps, 0, count - n);
        Arrays.fill(maps, count - n, count, null);
        count -= n;
        lastIndex = -1;
    }

    @Override public long firstNamespace() {
        return count == 0 ? Long.MAX_VALUE : namespaces[0];
    }

    @Override public long nextNamespace(long after) {
        int i = Arrays.binarySearch(namespaces, 0, count, after);
        int next = i >= 0 ? i + 1 : -i - 1;
        return next < count ? namespaces[next] : Long.MAX_VALUE;
    }

    @Override public long size() { return size; }

    @Override public void reserve(long entries) { reserved = entries; }

    @Override public void forEachEntry(NamespaceVisitor<V> visitor) {
        for (int n = 0; n < count; n++) maps[n].forEach(namespaces[n], visitor);
    }

    @Override public void clear() {
        Arrays.fill(maps, 0, count, null);
        count = 0;
        size = 0;
        lastIndex = -1;
    }
}
