package io.laminar.operator.rank;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.state.HeapStateStore;
import io.laminar.state.KeyRow;
import io.laminar.state.StateSerde;
import io.laminar.state.StateStore;
import io.laminar.state.StoreSnapshot;
import io.laminar.state.ValueCodec;

/**
 * The state both top-N operators keep: per partition key, rows in rank order (best first) in a batch of the input's
 * columns; how a ranked row is written out (its columns, then its 1-based rank); and the snapshot layout — the store,
 * each partition as {@code key, int n, n x typed row}.
 */
final class RankedPartitions {
    private static final long NS = 0;

    /** One partition's rows, best first. */
    static final class Partition {
        final KeyRow key;
        final Batch rows;

        Partition(KeyRow key, Schema schema, int capacity) {
            this.key = key;
            this.rows = new Batch(schema, capacity);
        }
    }

    private final Schema input;
    private final int[] partitionKeys;
    private final int capacity;
    private final StateStore<Partition> store = new HeapStateStore<>();
    private final KeyRow probe;

    RankedPartitions(Schema input, int[] partitionKeys, int capacity) {
        this.input = input;
        this.partitionKeys = partitionKeys;
        this.capacity = capacity;
        this.probe = new KeyRow(KeyRow.storageOf(input, partitionKeys));
    }

    /** The partition of row {@code r} of {@code in}, or null; with {@code create} a new empty one instead of null. */
    Partition of(Batch in, int r, boolean create) {
        probe.load(in, partitionKeys, r);
        Partition p = store.get(NS, probe);
        if (p == null && create) {
            p = new Partition(probe.copy(), input, capacity);
            store.put(NS, p.key, p);
        }
        return p;
    }

    void remove(Partition p) { store.remove(NS, p.key); }

    /** Appends row {@code row} of a partition's rows to {@code out} as {@code kind}, with {@code rank} after it. */
    void write(Batch out, byte kind, Batch rows, int row, long rank) {
        int o = out.addRow(kind);
        int n = input.size();
        for (int c = 0; c < n; c++) out.copyValue(c, o, rows, c, row);
        out.setLong(n, o, rank);
    }

    /** Drops the object references of row {@code row} (after it left the batch's live rows). */
    static void clearRow(Batch b, int row) {
        for (int c = 0; c < b.columnCount(); c++) if (b.objects[c] != null) b.objects[c][row] = null;
    }

    void snapshot(java.io.DataOutput out) throws java.io.IOException {
        StoreSnapshot.write(out, store, serde);
    }

    /** Replaces the state with a snapshot's; returns the number of rows held. */
    long restore(java.io.DataInput in) throws java.io.IOException {
        StoreSnapshot.read(in, store, serde, probe.storage());
        long[] n = {0};
        store.forEachEntry((ns, key, p) -> n[0] += p.rows.size);
        return n[0];
    }

    private final StateSerde<Partition> serde = new StateSerde<>() {
        @Override public void write(java.io.DataOutput out, Partition p) throws java.io.IOException {
            p.key.write(out);
            out.writeInt(p.rows.size);
            for (int r = 0; r < p.rows.size; r++) ValueCodec.writeRow(out, p.rows, r);
        }

        @Override public Partition read(java.io.DataInput in) throws java.io.IOException {
            Partition p = new Partition(KeyRow.read(in, probe.storage()), input, capacity);
            int n = in.readInt();
            for (int r = 0; r < n; r++) ValueCodec.readRow(in, p.rows, p.rows.addRow(RowKind.INSERT));
            return p;
        }
    };
}
