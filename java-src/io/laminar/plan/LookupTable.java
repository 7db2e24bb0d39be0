package io.laminar.plan;

import io.laminar.data.Schema;

/**
 * A reference table a stream can be joined with by primary key: each stream row looks its partner up when it
 * arrives (processing time: the table's rows at that moment), so the join holds no state of its own.
 */
public interface LookupTable {
    Schema schema();

    /** The table's primary-key columns. */
    int[] keyColumns();

    /**
     * The stateless stage that joins: for each row of {@code stream}, the table row whose key equals the row's
     * {@code streamKeys} (in the order of {@link #keyColumns()}); its columns {@code project} follow the stream's.
     */
    PhysicalStage join(Schema stream, int[] streamKeys, int[] project, boolean keepUnmatched, Schema output, String description);
}
