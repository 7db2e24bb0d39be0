package io.laminar.operator.upsert;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.operator.StreamOperator;
import io.laminar.state.HeapStateStore;
import io.laminar.state.KeyRow;
import io.laminar.state.StateSerde;
import io.laminar.state.StateStore;
import io.laminar.state.StoreSnapshot;

/**
 * Turns an upsert source's rows into a changelog, per primary key in arrival order (as a Kafka partition orders an
 * upsert topic): the first row of a key is inserted (+I); a later, different row retracts the previous one and
 * replaces it (-U previous, +U new); an identical row changes nothing; a tombstone deletes the previous row (-D)
 * and is ignored when the key holds none. State: the current row of every live key.
 */
public final class UpsertNormalize implements StreamOperator {
    private static final long NS = 0;

    private final Schema schema;
    private final int[] keyColumns;
    private final int[] allColumns;
    private final Tombstones tombstones;
    private final StateStore<KeyRow> store = new HeapStateStore<>();
    private final KeyRow keyProbe;
    private final KeyRow rowProbe;

    /** @param schema the source's columns, its event-time column marked (not a value column of a tombstone) */
    public UpsertNormalize(Schema schema, int[] keyColumns) {
        this.schema = new Schema(schema.fields(), -1);
        this.keyColumns = keyColumns.clone();
        this.allColumns = new int[schema.size()];
        for (int c = 0; c < allColumns.length; c++) allColumns[c] = c;
        this.tombstones = Tombstones.of(schema, keyColumns);
        this.keyProbe = new KeyRow(KeyRow.storageOf(schema, keyColumns));
        this.rowProbe = new KeyRow(KeyRow.storageOf(schema, allColumns));
    }

    @Override public void process(Batch in, Batch out) {
        for (int r = 0; r < in.size; r++) {
            keyProbe.load(in, keyColumns, r);
            KeyRow previous = store.get(NS, keyProbe);
            if (tombstones.isTombstone(in, r)) {
                if (previous != null) {
                    write(out, RowKind.DELETE, previous);
                    store.remove(NS, keyProbe);
                }
                continue;
            }
            rowProbe.load(in, allColumns, r);
            if (previous == null) {
                store.put(NS, keyProbe.copy(), rowProbe.copy());
                out.appendRow(in, r, RowKind.INSERT);
            } else if (!previous.equals(rowProbe)) {
                write(out, RowKind.UPDATE_BEFORE, previous);
                out.appendRow(in, r, RowKind.UPDATE_AFTER);
                previous.load(in, allColumns, r); // the stored row is a value, never a map key: overwrite it in place
            }
        }
    }

    private void write(Batch out, byte kind, KeyRow row) {
        int o = out.addRow(kind);
        for (int c = 0; c < allColumns.length; c++) row.writeTo(c, out, c, o);
    }

    @Override public void onWatermark(long watermark, Batch out) {} // a key's row lives until a tombstone

    @Override public Schema outputSchema() { return schema; }
    @Override public long stateSize() { return store.size(); }

    /** Layout: the store, each entry as {@code key, row} (see {@link KeyRow#write}). */
    @Override public void snapshot(java.io.DataOutput out) throws java.io.IOException {
        StoreSnapshot.write(out, store, serde);
    }

    @Override public void restore(java.io.DataInput in) throws java.io.IOException {
        StoreSnapshot.read(in, store, serde, keyProbe.storage());
    }

    private final StateSerde<KeyRow> serde = new StateSerde<>() {
        @Override public void write(java.io.DataOutput out, KeyRow row) throws java.io.IOException {
            row.write(out);
        }

        @Override public KeyRow read(java.io.DataInput in) throws java.io.IOException {
            return KeyRow.read(in, rowProbe.storage());
        }
    };
}
