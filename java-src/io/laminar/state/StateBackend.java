package io.laminar.state;

import io.laminar.data.ColumnType;

/**
 * Creates the state stores of operator instances: on the heap ({@link #HEAP}) or in RocksDB
 * ({@link RocksStateBackend}, for state larger than memory). Chosen per database ({@code Config.stateBackend}) and
 * per query ({@code SET 'state.backend' = 'rocksdb'} before the CREATE).
 */
public interface StateBackend {
    /**
     * A new, empty store for one operator instance.
     *
     * @param name       unique name of the operator instance (for RocksDB: its column family)
     * @param keyStorage storage class of each key field (to decode keys)
     * @param serde      how values are written (RocksDB entries; snapshots use it with every backend)
     */
    <V> StateStore<V> create(String name, ColumnType.Storage[] keyStorage, StateSerde<V> serde);

    /** The heap backend: live objects in hash maps; fastest, bounded by the JVM heap. */
    StateBackend HEAP = new StateBackend() {
        @Override public <V> StateStore<V> create(String name, ColumnType.Storage[] keyStorage, StateSerde<V> serde) {
            return new HeapStateStore<>();
        }

        @Override public String toString() { return "heap"; }
    };
}
