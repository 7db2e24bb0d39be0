package io.laminar.bench.jmh;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.state.KeyRow;
import io.laminar.state.StateStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A {@link StateStore} as a window aggregate uses it: a reused {@link KeyRow} probe loaded from each row of a batch
 * of Nexmark bids, then {@code get} (every key present, its counter updated in place) in one namespace (the newest
 * window). Keyed by {@code auction} (a BIGINT key) or by {@code channel} (a VARCHAR key). Reported per row. Each
 * store implementation extends this with how it is created and how it takes a {@code put}.
 */
@State(Scope.Thread)
public abstract class StateStoreBenchmark extends CoreBenchmark {
    protected static final long NAMESPACE = 1_767_225_610_000L;

    @Param({"auction", "channel"})
    public String key;

    protected Batch bids;
    protected int[] keyColumns;
    protected KeyRow probe;
    protected StateStore<long[]> store;

    /** A new, empty store for keys of these storage classes. */
    protected abstract StateStore<long[]> newStore(ColumnType.Storage[] keyStorage);

    @Setup public void setup() {
        bids = Fixtures.bids(Fixtures.BATCH_ROWS);
        keyColumns = new int[] {bids.schema.indexOf(key)};
        if (keyColumns[0] < 0) throw new IllegalArgumentException("key must be a bid column, not " + key);
        probe = new KeyRow(KeyRow.storageOf(bids.schema, keyColumns));
        store = newStore(probe.storage());
        for (int r = 0; r < bids.size; r++) {
            probe.load(bids, keyColumns, r);
            if (store.get(NAMESPACE, probe) == null) store.put(NAMESPACE, probe.copy(), new long[1]);
        }
        store.flushCache();
    }

    @Benchmark @OperationsPerInvocation(Fixtures.BATCH_ROWS)
    public long get() {
        long sum = 0;
        for (int r = 0; r < bids.size; r++) sum += store.get(NAMESPACE, probe.load(bids, keyColumns, r))[0]++;
        return sum;
    }
}
