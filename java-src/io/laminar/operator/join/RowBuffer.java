package io.laminar.operator.join;

import io.laminar.data.Batch;
import io.laminar.data.Schema;

/**
 * The rows one key holds on one side of a join: a small columnar batch (primitive arrays, no boxing) plus a
 * per-row count of the partners it has found so far (outer joins emit or retract a null-padded row when it is 0). Removal moves the last row into the
 * hole, so row order is not kept — joins do not promise an order among matches.
 */
final class RowBuffer {
    final Batch rows;
    int[] matches;

    RowBuffer(Schema schema) {
        rows = new Batch(schema, 4);
        matches = new int[4];
    }

    int size() { return rows.size; }

    /** Appends row {@code r} of {@code from} (same schema); returns its index. */
    int add(Batch from, int r) {
        int i = rows.appendRow(from, r, from.ops[r]);
        if (i >= matches.length) matches = java.util.Arrays.copyOf(matches, rows.capacity());
        matches[i] = 0;
        return i;
    }

    void removeAt(int i) {
        int last = rows.size - 1;
        if (i != last) {
            rows.copyRow(i, rows, last);
            rows.ops[i] = rows.ops[last];
            matches[i] = matches[last];
        }
        for (int c = 0; c < rows.columnCount(); c++) {
            if (rows.objects[c] != null) rows.objects[c][last] = null;
        }
        rows.size = last;
    }

    /** Index of a row equal in every column to row {@code r} of {@code probe}, or -1. */
    int find(Batch probe, int r) {
        for (int i = 0; i < rows.size; i++) {
            if (rows.sameValuesByEquals(i, probe, r)) return i;
        }
        return -1;
    }
}
