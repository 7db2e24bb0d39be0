package io.laminar.operator.over;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;

/**
 * A FIFO of rows in a {@link Batch} used as a ring: rows are appended at the tail and dropped at the head without
 * moving the others. {@link #physical(int)} maps a logical position (0 = oldest) to the batch row, so aggregate
 * functions read the ring's rows straight from its column arrays. Grows by doubling (re-laid out oldest first);
 * otherwise never allocates. Single-threaded.
 */
final class RowRing {
    private Batch rows;
    private int head;
    private int size;

    RowRing(Schema schema, int capacity) {
        rows = newBatch(schema, Math.max(capacity, 2));
    }

    private static Batch newBatch(Schema schema, int capacity) {
        Batch b = new Batch(schema, capacity);
        b.size = capacity; // every slot is addressable; the ring tracks which ones hold rows
        return b;
    }

    /** The batch holding the rows (valid until the next {@link #append}). */
    Batch batch() { return rows; }

    int size() { return size; }

    /** The batch row of logical position {@code i} (0 = oldest). */
    int physical(int i) {
        int p = head + i;
        int cap = rows.capacity();
        return p >= cap ? p - cap : p;
    }

    /** Appends a copy of row {@code row} of {@code from} (same column layout); returns its batch row. */
    int append(Batch from, int row) {
        if (size == rows.capacity()) grow();
        int p = physical(size++);
        rows.copyRow(p, from, row);
        rows.ops[p] = RowKind.INSERT;
        return p;
    }

    /** Appends a row of NULL-free zeros for the caller to fill; returns its batch row. */
    int appendBlank() {
        if (size == rows.capacity()) grow();
        int p = physical(size++);
        for (int c = 0; c < rows.nulls.length; c++) rows.nulls[c][p] = false;
        rows.ops[p] = RowKind.INSERT;
        return p;
    }

    /** Drops the {@code n} oldest rows. */
    void dropOldest(int n) {
        for (int i = 0; i < n; i++) {
            int p = physical(0);
            for (Object[] col : rows.objects) if (col != null) col[p] = null; // let strings be collected
            head = physical(1);
            size--;
        }
        if (size == 0) head = 0;
    }

    void clear() {
        dropOldest(size);
    }

    private void grow() {
        Batch bigger = newBatch(rows.schema, rows.capacity() * 2);
        for (int i = 0; i < size; i++) bigger.copyRow(i, rows, physical(i));
        rows = bigger;
        head = 0;
    }
}
