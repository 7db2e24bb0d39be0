package io.laminar.operator.rank;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.operator.StreamOperator;
import io.laminar.state.HeapStateStore;
import io.laminar.state.KeyRow;
import io.laminar.state.StateSerde;
import io.laminar.state.StateStore;
import io.laminar.state.StoreSnapshot;
import io.laminar.state.ValueCodec;

/**
 * Top-N per partition over an append-only input: {@code ROW_NUMBER() OVER (PARTITION BY p ORDER BY o) <= N}.
 * Each partition holds its best N rows in order (ties keep arrival order). A row that enters the top N is
 * inserted (+I) and the row it pushes out deleted (-D). When the rank number is part of the output
 * ({@code emitRanks}), rows whose rank moved are updated (-U/+U) too. Output: the input columns, then the rank.
 * With N = 1 this is deduplication (keep first by ascending time, keep last by descending time).
 */
public final class TopN implements StreamOperator {
    private static final long NS = 0;

    private final Schema input;
    private final Schema output;
    private final int[] partitionKeys;
    private final SortKey order;
    private final int limit;
    private final boolean emitRanks;
    private final boolean newerWinsTies;
    private final StateStore<Partition> store = new HeapStateStore<>();
    private final KeyRow probe;
    private long rows;

    /** One partition's current top rows, best first. */
    private static final class Partition {
        final KeyRow key;
        final Batch top;

        Partition(KeyRow key, Schema schema, int limit) {
            this.key = key;
            this.top = new Batch(schema, Math.min(limit + 1, 16));
        }
    }

    /**
     * @param newerWinsTies a row equal in order to a held one ranks above it (keep-last deduplication: the latest
     *                      arrival among rows with the same time wins, as in Flink); otherwise ties keep arrival order
     */
    public TopN(Schema input, Schema output, int[] partitionKeys, SortKey order, int limit, boolean emitRanks,
                boolean newerWinsTies) {
        this.newerWinsTies = newerWinsTies;
        if (limit < 1) throw new IllegalArgumentException("top-N needs N >= 1, got " + limit);
        this.input = input;
        this.output = output;
        this.partitionKeys = partitionKeys;
        this.order = order;
        this.limit = limit;
        this.emitRanks = emitRanks;
        this.probe = new KeyRow(KeyRow.storageOf(input, partitionKeys));
    }

    @Override public void process(Batch in, Batch out) {
        for (int r = 0; r < in.size; r++) {
            probe.load(in, partitionKeys, r);
            Partition p = store.get(NS, probe);
            if (p == null) {
                p = new Partition(probe.copy(), input, limit);
                store.put(NS, p.key, p);
            }
            Batch top = p.top;
            int pos = top.size;
            int moveUpBelow = newerWinsTies ? 1 : 0; // compare < 1: better or tied moves up; < 0: strictly better
            while (pos > 0 && order.compare(in, r, top, pos - 1) < moveUpBelow) pos--;
            if (pos >= limit) continue;
            // make room at pos: shift rows down by one, from the bottom
            int last = top.size;
            top.addRow(RowKind.INSERT);
            for (int i = last; i > pos; i--) top.copyRow(i, top, i - 1);
            top.copyRow(pos, in, r);
            if (top.size > limit) { // the previous last row leaves the top N
                write(out, RowKind.DELETE, top, limit, limit);
                clearRow(top, limit);
                top.size = limit;
            } else {
                rows++;
            }
            if (emitRanks) {
                for (int i = Math.min(top.size, limit) - 1; i > pos; i--) {
                    write(out, RowKind.UPDATE_BEFORE, top, i, i);       // it was rank i (1-based), now i + 1
                    write(out, RowKind.UPDATE_AFTER, top, i, i + 1);
                }
            }
            write(out, RowKind.INSERT, top, pos, pos + 1);
        }
    }

    private void write(Batch out, byte kind, Batch top, int row, long rank) {
        int o = out.addRow(kind);
        int n = input.size();
        for (int c = 0; c < n; c++) out.copyValue(c, o, top, c, row);
        out.setLong(n, o, rank);
    }

    private static void clearRow(Batch b, int row) {
        for (int c = 0; c < b.columnCount(); c++) if (b.objects[c] != null) b.objects[c][row] = null;
    }

    @Override public void onWatermark(long watermark, Batch out) {} // rankings never close

    @Override public Schema outputSchema() { return output; }
    @Override public long stateSize() { return rows; }

    /** Layout: the store, each partition as {@code key, int n, n x typed row} (best first). */
    @Override public void snapshot(java.io.DataOutput out) throws java.io.IOException {
        StoreSnapshot.write(out, store, serde);
    }

    @Override public void restore(java.io.DataInput in) throws java.io.IOException {
        StoreSnapshot.read(in, store, serde, probe.storage());
        long[] n = {0};
        store.forEachEntry((ns, key, p) -> n[0] += p.top.size);
        rows = n[0];
    }

    private final StateSerde<Partition> serde = new StateSerde<>() {
        @Override public void write(java.io.DataOutput out, Partition p) throws java.io.IOException {
            p.key.write(out);
            out.writeInt(p.top.size);
            for (int r = 0; r < p.top.size; r++) ValueCodec.writeRow(out, p.top, r);
        }

        @Override public Partition read(java.io.DataInput in) throws java.io.IOException {
            Partition p = new Partition(KeyRow.read(in, probe.storage()), input, limit);
            int n = in.readInt();
            for (int r = 0; r < n; r++) ValueCodec.readRow(in, p.top, p.top.addRow(RowKind.INSERT));
            return p;
        }
    };
}
