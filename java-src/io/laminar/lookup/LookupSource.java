package io.laminar.lookup;

import java.util.function.Consumer;

/**
 * The external system behind a lookup table. Rows and keys are in Calcite's internal representation (BIGINT as
 * Long, TIMESTAMP as epoch-millis Long, DATE as epoch-day Integer, DECIMAL as BigDecimal, VARCHAR as String), columns
 * in the lookup table's declared order, keys in primary-key order.
 */
public interface LookupSource extends AutoCloseable {
    /** Point lookups, used by one thread at a time (each core has its own). */
    interface Fetcher extends AutoCloseable {
        /** The row with primary key {@code key}, or null when there is none. {@code key} may be reused afterwards. */
        Object[] fetch(java.util.List<Object> key);

        @Override void close();
    }

    /** A new fetcher for the calling thread. */
    Fetcher fetcher();

    /** Visits every row (a full cache's load, a key filter's build). */
    void scan(Consumer<Object[]> row);

    /** What the source reads, for messages and SHOW TABLES ({@code postgres table customers at jdbc:...}). */
    String describe();

    @Override void close();
}
