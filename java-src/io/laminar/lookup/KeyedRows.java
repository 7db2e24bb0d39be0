package io.laminar.lookup;

import io.laminar.data.Schema;

/** Rows a stream can look up by primary key: a reference table, or a lookup table over an external system. */
public interface KeyedRows {
    Schema schema();

    /** The primary-key columns, in key order. */
    int[] keyColumns();

    /** A lookup for the calling core (called once per core when a lookup join is deployed there). */
    RowLookup newLookup();
}
