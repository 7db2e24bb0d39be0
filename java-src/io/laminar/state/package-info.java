/**
 * Operator state behind {@link io.laminar.state.StateStore}: keyed by {@link io.laminar.state.KeyRow} (unboxed key
 * values, probed without allocation) within namespaces (window ends). Stores belong to one core and never lock.
 * {@link io.laminar.state.HeapStateStore} keeps live objects, each namespace in an open-addressing table of its own
 * ({@code KeyRowMap}: stored hashes compared before keys, no node object per entry);
 * {@link io.laminar.state.RocksStateStore} keeps them in a RocksDB column family with a bounded write-back cache on
 * the heap, for state larger than memory. A {@link io.laminar.state.StateBackend} creates stores per operator
 * instance. Values reach bytes through the
 * operator's {@link io.laminar.state.StateSerde} and {@link io.laminar.state.ValueCodec} (the one value encoding
 * shared by WAL records, snapshots and RocksDB entries); {@link io.laminar.state.StoreSnapshot} writes a store's
 * entries in one portable format whatever the backend, except that a RocksDB store with a
 * {@link io.laminar.state.SnapshotFiles} writes an SST file instead (restored by ingesting it); either restores into
 * either backend.
 */
package io.laminar.state;
