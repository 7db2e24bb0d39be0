package io.laminar.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes every entry of a store into a snapshot and reads them back, whatever the store's backend — so a
 * checkpoint taken with the heap backend restores into RocksDB and back.
 *
 * <pre>
 *   long entryCount
 *   entryCount x { long namespace | key (KeyRow.write) | value (the operator's StateSerde) }
 * </pre>
 */
public final class StoreSnapshot {
    private StoreSnapshot() {}

    public static <V> void write(DataOutput out, StateStore<V> store, StateSerde<V> serde) throws IOException {
        out.writeLong(store.size());
        IOException[] failure = new IOException[1];
        long[] written = new long[1];
        store.forEachEntry((ns, key, value) -> {
            if (failure[0] != null) return;
            try {
                out.writeLong(ns);
                key.write(out);
                serde.write(out, value);
                written[0]++;
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) throw failure[0];
        if (written[0] != store.size()) {
            throw new IOException("state store reported " + store.size() + " entries but visited " + written[0]);
        }
    }

    /** Clears {@code store} and loads the entries of a snapshot into it. */
    public static <V> void read(DataInput in, StateStore<V> store, StateSerde<V> serde,
                                io.laminar.data.ColumnType.Storage[] keyStorage) throws IOException {
        store.clear();
        long n = in.readLong();
        if (n < 0) throw new IOException("negative entry count " + n + " (corrupt snapshot)");
        store.reserve(n);
        for (long i = 0; i < n; i++) {
            long ns = in.readLong();
            KeyRow key = KeyRow.read(in, keyStorage);
            store.put(ns, key, serde.read(in));
        }
    }
}
