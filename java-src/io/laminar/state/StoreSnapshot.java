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
 * or, for a RocksDB store snapshotting natively ({@link SnapshotFiles}), the marker {@link #NATIVE} in place of the
 * count, then {@code long size, int n, n x (long namespace, long count), string SST file name ("" if empty), long
 * its length}; the SST file lies in the checkpoint directory, its keys are {@code [namespace, sign flipped][key]},
 * its values the serde's bytes.
 */
public final class StoreSnapshot {
    /** In place of the entry count: the store is in an SST file beside the snapshot. */
    static final long NATIVE = -2;

    private StoreSnapshot() {}

    public static <V> void write(DataOutput out, StateStore<V> store, StateSerde<V> serde) throws IOException {
        if (store instanceof RocksStateStore<V> rocks) {
            java.nio.file.Path dir = rocks.nativeSnapshotDirectory();
            if (dir != null) {
                out.writeLong(NATIVE);
                rocks.writeNative(out, dir);
                return;
            }
        }
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
        if (n == NATIVE) {
            readNative(in, store, serde, keyStorage);
            return;
        }
        if (n < 0) throw new IOException("negative entry count " + n + " (corrupt snapshot)");
        store.reserve(n);
        for (long i = 0; i < n; i++) {
            long ns = in.readLong();
            KeyRow key = KeyRow.read(in, keyStorage);
            store.put(ns, key, serde.read(in));
        }
    }

    private static <V> void readNative(DataInput in, StateStore<V> store, StateSerde<V> serde,
                                       io.laminar.data.ColumnType.Storage[] keyStorage) throws IOException {
        long size = in.readLong();
        int namespaces = in.readInt();
        if (size < 0 || namespaces < 0) throw new IOException("negative counts in a RocksDB snapshot (corrupt)");
        java.util.TreeMap<Long, long[]> counts = new java.util.TreeMap<>();
        for (int i = 0; i < namespaces; i++) counts.put(in.readLong(), new long[] {in.readLong()});
        String name = ValueCodec.readString(in);
        long length = in.readLong();
        java.nio.file.Path file = null;
        if (!name.isEmpty()) {
            java.nio.file.Path dir = SnapshotFiles.readingDirectory();
            if (dir == null) throw new IOException("a RocksDB snapshot (" + name + ") is restored without its checkpoint directory");
            file = dir.resolve(name);
            if (!java.nio.file.Files.isRegularFile(file) || java.nio.file.Files.size(file) != length) {
                throw new IOException("RocksDB snapshot file " + file + " is missing or not " + length + " bytes long");
            }
        }
        if (store instanceof RocksStateStore<V> rocks) {
            rocks.restoreNative(file, size, counts);
        } else if (file != null) {
            RocksStateStore.readNative(file, store, serde, keyStorage);
            if (store.size() != size) throw new IOException("RocksDB snapshot " + file + " holds " + store.size()
                    + " entries; its header says " + size);
        }
    }
}
