/**
 * Operator state behind {@link io.laminar.state.StateStore}: keyed by {@link io.laminar.state.KeyRow} (unboxed key values, probed without allocation) within namespaces (window ends). Stores belong to one core and never lock. {@link io.laminar.state.HeapStateStore} is the in-memory implementation; a RocksDB one arrives with durability.
 */
package io.laminar.state;
