package io.laminar.state;

import java.util.function.BiConsumer;

/**
 * Keyed operator state, partitioned into namespaces (for windowed operators a namespace is a window's end time;
 * unwindowed operators use namespace 0). Owned by one core thread: implementations are not thread-safe and never
 * lock. The heap implementation keeps live objects; {@link RocksStateStore} serialises values, keeps the hot ones
 * in a write-back cache, and maps a namespace to a key prefix so that {@link #removeNamespacesUpTo} is a range
 * delete. A value obtained from {@link #get} may be mutated in place: the store owns it until it is evicted.
 *
 * @param <V> the per-key state (an aggregate's accumulators, a session list, ...)
 */
public interface StateStore<V> {
    /** The value for {@code key} in {@code namespace}, or null. {@code key} may be a reused probe. */
    V get(long namespace, KeyRow key);

    /**
     * True when a value {@link #get} returned stays the live value of its key, whatever else is looked up or put
     * meanwhile, until that key is removed or put again: an operator may then look a run of rows up ahead of folding
     * them (their cache misses overlapping) and keep the values. False for a store that may evict a cached value
     * and write it back between lookups, as {@link RocksStateStore} does.
     */
    default boolean valuesStayPut() { return false; }

    /** Stores a value; {@code key} must not be mutated afterwards (pass a {@link KeyRow#copy()}). */
    void put(long namespace, KeyRow key, V value);

    V remove(long namespace, KeyRow key);

    /** Visits every entry of one namespace (in no particular order). */
    void forEach(long namespace, BiConsumer<KeyRow, V> visitor);

    /**
     * Removes every namespace {@code <= upTo}, visiting their entries in namespace order first — how windows are
     * fired and evicted when the watermark passes their end.
     */
    void removeNamespacesUpTo(long upTo, NamespaceVisitor<V> visitor);

    /** The smallest namespace holding state, or {@code Long.MAX_VALUE} when empty. */
    long firstNamespace();

    /** The smallest namespace greater than {@code after}, or {@code Long.MAX_VALUE}. */
    long nextNamespace(long after);

    /** Number of keys across all namespaces. */
    long size();

    /** Visits every entry of every namespace, in namespace order (snapshots). */
    void forEachEntry(NamespaceVisitor<V> visitor);

    /** Removes every entry (before a restore). */
    void clear();

    /**
     * Makes in-place changes to values obtained from {@link #get} durable in the store. Operators mutate the value
     * they got; a store that keeps values off-heap writes cached values back here, and before every scan.
     */
    default void flushCache() {}

    /**
     * A hint before a restore puts about {@code entries} entries in: a store may size its tables once instead of
     * growing them step by step. Restores of windowed state (several namespaces) give the hint to the first one.
     */
    default void reserve(long entries) {}

    /** Releases native resources (RocksDB column family). */
    default void close() {}

    /** Visitor of one evicted namespace's entries. */
    interface NamespaceVisitor<V> {
        void visit(long namespace, KeyRow key, V value);
    }
}
