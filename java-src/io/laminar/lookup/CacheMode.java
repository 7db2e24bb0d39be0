package io.laminar.lookup;

/** How a lookup table keeps the rows of its external system ({@code 'cache' = 'full' | 'partial' | 'none'}). */
public enum CacheMode {
    /** Every row loaded when the table is created, and again every {@code cache.reload-interval}; no fetch per row. */
    FULL,
    /**
     * Rows fetched on first use and kept in a bounded LRU per core ({@code cache.max-rows}, {@code cache.ttl}); a
     * Bloom filter of the table's keys (loaded with the table, reloaded with it) answers misses without a fetch.
     */
    PARTIAL,
    /** A fetch for every stream row: always the external system's current row. */
    NONE
}
