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
 * Top-N per partition over a changelog (+I/-U/+U/-D), as Flink's retractable top-N: a retracted row may have been in
 * the top N, and then the best row below it moves up, so each partition keeps all its live rows in order (state
 * grows with the partition, which EXPLAIN says). Output as {@link TopN}'s: the input columns and the rank; a row
 * entering the top N is inserted (+I), one leaving it deleted (-D), and with {@code emitRanks} rows whose rank moved
 * are updated (-U/+U). Ties keep arrival order.
 */
public final class RetractingTopN implements StreamOperator {
    private static final long NS = 0;

    private final Schema input;
    private final Schema output;
    private final int[] partitionKeys;
    private final SortKey order;
    private final int limit;
    private final boolean emitRanks;
    private final StateStore<Partition> store = new HeapStateStore<>();
    private final KeyRow probe;
    private long rows;

    /** One partition's live rows, best first. */
    private static final class Partition {
        final KeyRow key;
        final Batch sorted;

        Partition(KeyRow key, Schema schema) {
            this.key = key;
            this.sorted = new Batch(schema, 16);
        }
    }

    public RetractingTopN(Schema input, Schema output, int[] partitionKeys, SortKey order, int limit, boolean emitRanks) {
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
            if (RowKind.isAccumulate(in.ops[r])) {
                if (p == null) {
                    p = new Partition(probe.copy(), input);
                    store.put(NS, p.key, p);
                }
                insert(p.sorted, in, r, out);
                rows++;
            } else if (p != null && remove(p.sorted, in, r, out)) {
                rows--;
                if (p.sorted.size == 0) store.remove(NS, probe);
            }
        }
    }

    private void insert(Batch sorted, Batch in, int r, Batch out) {
        int pos = sorted.size;
        while (pos > 0 && order.compare(in, r, sorted, pos - 1) < 0) pos--; // ties: after the rows already there
        int before = sorted.size;
        sorted.addRow(RowKind.INSERT);
        for (int i = before; i > pos; i--) sorted.copyRow(i, sorted, i - 1);
        sorted.copyRow(pos, in, r);
        if (pos >= limit) return; // below the top N: nothing visible changes
        if (before >= limit) write(out, RowKind.DELETE, sorted, limit, limit); // pushed out (now at index limit)
        if (emitRanks) {
            for (int i = Math.min(before, limit - 1); i > pos; i--) { // rank i (1-based) became i + 1
                write(out, RowKind.UPDATE_BEFORE, sorted, i, i);
                write(out, RowKind.UPDATE_AFTER, sorted, i, i + 1);
            }
        }
        write(out, RowKind.INSERT, sorted, pos, pos + 1);
    }

    /** Removes the first live row equal to row {@code r} of {@code in}; false when there is none. */
    private boolean remove(Batch sorted, Batch in, int r, Batch out) {
        int pos = -1;
        for (int i = 0; i < sorted.size && pos < 0; i++) if (sameRow(sorted, i, in, r)) pos = i;
        if (pos < 0) return false;
        int before = sorted.size;
        if (pos < limit) {
            write(out, RowKind.DELETE, sorted, pos, pos + 1);
            if (emitRanks) {
                for (int i = pos + 1; i < Math.min(before, limit); i++) { // rank i + 1 becomes i
                    write(out, RowKind.UPDATE_BEFORE, sorted, i, i + 1);
                    write(out, RowKind.UPDATE_AFTER, sorted, i, i);
                }
            }
            if (before > limit) write(out, RowKind.INSERT, sorted, limit, limit); // the best row below moves up
        }
        for (int i = pos; i < before - 1; i++) sorted.copyRow(i, sorted, i + 1);
        for (int c = 0; c < sorted.columnCount(); c++) if (sorted.objects[c] != null) sorted.objects[c][before - 1] = null;
        sorted.size = before - 1;
        return true;
    }

    private boolean sameRow(Batch a, int ra, Batch b, int rb) {
        for (int c = 0; c < input.size(); c++) {
            boolean na = a.nulls[c][ra], nb = b.nulls[c][rb];
            if (na != nb) return false;
            if (na) continue;
            if (a.longs[c] != null) {
                if (a.longs[c][ra] != b.longs[c][rb]) return false;
            } else if (a.doubles[c] != null) {
                if (Double.compare(a.doubles[c][ra], b.doubles[c][rb]) != 0) return false;
            } else if (!java.util.Objects.equals(a.objects[c][ra], b.objects[c][rb])) {
                return false;
            }
        }
        return true;
    }

    private void write(Batch out, byte kind, Batch sorted, int row, long rank) {
        int o = out.addRow(kind);
        int n = input.size();
        for (int c = 0; c < n; c++) out.copyValue(c, o, sorted, c, row);
        out.setLong(n, o, rank);
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
        store.forEachEntry((ns, key, p) -> n[0] += p.sorted.size);
        rows = n[0];
    }

    private final StateSerde<Partition> serde = new StateSerde<>() {
        @Override public void write(java.io.DataOutput out, Partition p) throws java.io.IOException {
            p.key.write(out);
            out.writeInt(p.sorted.size);
            for (int r = 0; r < p.sorted.size; r++) ValueCodec.writeRow(out, p.sorted, r);
        }

        @Override public Partition read(java.io.DataInput in) throws java.io.IOException {
            Partition p = new Partition(KeyRow.read(in, probe.storage()), input);
            int n = in.readInt();
            for (int r = 0; r < n; r++) ValueCodec.readRow(in, p.sorted, p.sorted.addRow(RowKind.INSERT));
            return p;
        }
    };
}
