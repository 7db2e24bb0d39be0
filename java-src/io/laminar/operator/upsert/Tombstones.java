package io.laminar.operator.upsert;

import io.laminar.data.Batch;
import io.laminar.data.Schema;

/**
 * Which rows of an upsert source delete their key: those whose value columns (every column but the primary key and
 * the event-time column) are all NULL — the row form of a Kafka tombstone, so any writer (SQL INSERT, the Java and
 * Clojure writers, files) can express a delete without a separate API.
 */
public record Tombstones(int[] valueColumns) {
    /** The value columns of {@code schema} given its key columns (its rowtime column is not a value column). */
    public static Tombstones of(Schema schema, int[] keyColumns) {
        int[] values = new int[schema.size()];
        int n = 0;
        outer:
        for (int c = 0; c < schema.size(); c++) {
            if (c == schema.rowtimeIndex()) continue;
            for (int k : keyColumns) if (k == c) continue outer;
            values[n++] = c;
        }
        return new Tombstones(java.util.Arrays.copyOf(values, n));
    }

    /** True when row {@code row} of {@code b} deletes its key. A source with no value columns has no tombstones. */
    public boolean isTombstone(Batch b, int row) {
        if (valueColumns.length == 0) return false;
        for (int c : valueColumns) if (!b.nulls[c][row]) return false;
        return true;
    }
}
