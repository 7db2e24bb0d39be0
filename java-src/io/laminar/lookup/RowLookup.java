package io.laminar.lookup;

/**
 * One core's way to find a table row by primary key, used by a lookup join's stage on that core only (so it may
 * keep unsynchronised per-core state such as an LRU cache).
 */
@FunctionalInterface
public interface RowLookup {
    /**
     * The row whose primary key is {@code key} (internal representation, primary-key order), or null. The caller
     * refills {@code key} for the next row; an implementation that keeps it must copy it.
     */
    Object[] lookup(java.util.List<Object> key);
}
