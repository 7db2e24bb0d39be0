package io.laminar.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How an operator's per-key state value is written to bytes and read back: used for snapshots (every store) and
 * for entries a {@link RocksStateStore} keeps off-heap. An operator that owns a store supplies its serde.
 */
public interface StateSerde<V> {
    void write(DataOutput out, V value) throws IOException;

    V read(DataInput in) throws IOException;
}
