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
        outer:
        for (int i = 0; i < rows.size; i++) {
            for (int c = 0; c < rows.columnCount(); c++) {
                boolean n1 = rows.nulls[c][i], n2 = probe.nulls[c][r];
                if (n1 != n2) continue outer;
                if (n1) continue;
                if (rows.longs[c] != null) { // a DECIMAL in scaled longs: the slot, and the spilled value if any
                    if (rows.longs[c][i] != probe.longs[c][r]) continue outer;
                    if (rows.objects[c] != null && !java.util.Objects.equals(rows.objects[c][i], probe.objects[c][r])) continue outer;
                } else if (rows.doubles[c] != null) {
                    if (Double.compare(rows.doubles[c][i], probe.doubles[c][r]) != 0) continue outer;
                } else if (!rows.objects[c][i].equals(probe.objects[c][r])) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
