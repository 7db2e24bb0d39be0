package io.laminar.operator.aggregate;

import io.laminar.data.Batch;
import io.laminar.data.Schema;
import io.laminar.state.KeyRow;

/**
 * How an aggregate's output row is assembled: its group columns (each a key field, or the window's start, end or
 * time) followed by the aggregate results — the column order of Calcite's Aggregate.
 *
 * @param groupSources per group output column: {@code >= 0} the index into the key, or one of
 *                     {@link #WINDOW_START}, {@link #WINDOW_END}, {@link #WINDOW_TIME}
 * @param keyColumns   input columns forming the key (non-window group columns)
 */
public record AggregateLayout(int[] groupSources, int[] keyColumns, Schema input, Schema output) {
    public static final int WINDOW_START = -1;
    public static final int WINDOW_END = -2;
    public static final int WINDOW_TIME = -3;

    /** Appends one result row. */
    public int write(Batch out, byte kind, KeyRow key, long windowStart, long windowEnd, Aggregators aggs, AggState s) {
        int r = appendRow(out, kind, aggs);
        int[] g = groupSources;
        for (int i = 0; i < g.length; i++) {
            int src = g[i];
            switch (src) {
                case WINDOW_START -> out.setLong(i, r, windowStart);
                case WINDOW_END -> out.setLong(i, r, windowEnd);
                case WINDOW_TIME -> out.setLong(i, r, windowEnd - 1);
                default -> key.writeTo(src, out, i, r);
            }
        }
        aggs.writeResults(s, out, g.length, r);
        return r;
    }

    /**
     * Appends a row to fill. Every column of a result row is written below, value and null flag, so when the group
     * columns and the calls are all of {@code out}'s columns the row is not reset first ({@link Batch#addRow} clears
     * each column's null flag): EMIT CHANGES appends two rows per input row, and the reset was a fifth of the writes.
     */
    private int appendRow(Batch out, byte kind, Aggregators aggs) {
        return groupSources.length + aggs.size() == out.columnCount() ? out.addRowUncleared(kind) : out.addRow(kind);
    }

    /**
     * EMIT EVERY: if the group changed since it was last emitted, retracts the last emitted row (-U) and emits the
     * current one (+I the first time, +U after), remembering it for next time.
     */
    public void writeIfDirty(Batch out, KeyRow key, long windowStart, long windowEnd, Aggregators aggs, GroupState g) {
        if (!g.dirty) return;
        if (g.emitted != null) writeValues(out, io.laminar.data.RowKind.UPDATE_BEFORE, g.emitted);
        int r = write(out, g.emitted == null ? io.laminar.data.RowKind.INSERT : io.laminar.data.RowKind.UPDATE_AFTER,
                key, windowStart, windowEnd, aggs, g);
        g.emitted = out.row(r);
        g.dirty = false;
    }

    /** Appends a row from boxed values captured earlier (EMIT EVERY's last emitted row). */
    public static void writeValues(Batch out, byte kind, Object[] values) {
        int r = out.addRow(kind);
        for (int c = 0; c < values.length; c++) out.setValue(c, r, values[c]);
    }
}
