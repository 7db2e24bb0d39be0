package io.laminar.bench.jmh;

import io.laminar.data.ColumnType;
import io.laminar.state.HeapStateStore;
import io.laminar.state.StateStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@link HeapStateStore} under {@link StateStoreBenchmark}'s load: {@code get}, and {@code put} overwriting present
 * keys with the probe itself (a present key keeps its stored copy). In steady state neither should allocate.
 */
@State(Scope.Thread)
public class HeapStateStoreBench extends StateStoreBenchmark {
    private final long[] value = new long[1];

    @Override protected StateStore<long[]> newStore(ColumnType.Storage[] keyStorage) {
        return new HeapStateStore<>();
    }

    @Benchmark @OperationsPerInvocation(Fixtures.BATCH_ROWS)
    public long put() {
        for (int r = 0; r < bids.size; r++) store.put(NAMESPACE, probe.load(bids, keyColumns, r), value);
        return store.size();
    }
}
