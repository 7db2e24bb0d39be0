package io.laminar.bench.jmh;

import io.laminar.data.ColumnType;
import io.laminar.state.RocksStateBackend;
import io.laminar.state.StateSerde;
import io.laminar.state.StateStore;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The RocksDB {@link StateStore} under {@link StateStoreBenchmark}'s load, with its write-back heap cache large
 * enough for every key ({@code cache = 100000}: the steady state of a working set that fits) or of one entry
 * ({@code cache = 1}: every access goes to RocksDB, encoding, JNI and all — state far larger than the heap).
 * {@code put} overwrites present keys with a copy of the probe, as an operator must when the store may not hold the
 * key on the heap. Reported per row.
 */
@State(Scope.Thread)
public class RocksStateStoreBench extends StateStoreBenchmark {
    @Param({"100000", "1"})
    public int cache;

    private RocksStateBackend backend;
    private final long[] value = new long[1];

    /** A value of one long, as an aggregate's counter. */
    private static final StateSerde<long[]> COUNTER = new StateSerde<>() {
        @Override public void write(DataOutput out, long[] v) throws IOException { out.writeLong(v[0]); }
        @Override public long[] read(DataInput in) throws IOException { return new long[] {in.readLong()}; }
    };

    @Override protected StateStore<long[]> newStore(ColumnType.Storage[] keyStorage) {
        backend = new RocksStateBackend(null, cache); // a temporary directory, removed on close
        return backend.create("bench", keyStorage, COUNTER);
    }

    @TearDown public void tearDown() {
        store.close();
        backend.close();
    }

    @Benchmark @OperationsPerInvocation(Fixtures.BATCH_ROWS)
    public long put() {
        for (int r = 0; r < bids.size; r++) store.put(NAMESPACE, probe.load(bids, keyColumns, r).copy(), value);
        return store.size();
    }
}
