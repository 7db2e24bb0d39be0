package io.laminar.bench.jmh;

import io.laminar.data.Batch;
import io.laminar.state.HeapStateStore;
import io.laminar.state.KeyRow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link HeapStateStore} as a window aggregate uses it: a reused {@link KeyRow} probe loaded from each row of a
 * batch of Nexmark bids, then {@code get} (every key present) or {@code put} (overwriting present keys), in one
 * namespace (the newest window). Keyed by {@code auction} (a BIGINT key) or by {@code channel} (a VARCHAR key).
 * Reported per row; in steady state neither should allocate.
 */
@State(Scope.Thread)
public class HeapStateStoreBench extends CoreBenchmark {
    private static final long NAMESPACE = 1_767_225_610_000L;

    @Param({"auction", "channel"})
    public String key;

    private Batch bids;
    private int[] keyColumns;
    private KeyRow probe;
    private HeapStateStore<long[]> store;
    private final long[] value = new long[1];

    @Setup public void setup() {
        bids = Fixtures.bids(Fixtures.BATCH_ROWS);
        keyColumns = new int[] {bids.schema.indexOf(key)};
        if (keyColumns[0] < 0) throw new IllegalArgumentException("key must be a bid column, not " + key);
        probe = new KeyRow(KeyRow.storageOf(bids.schema, keyColumns));
        store = new HeapStateStore<>();
        for (int r = 0; r < bids.size; r++) {
            probe.load(bids, keyColumns, r);
            if (store.get(NAMESPACE, probe) == null) store.put(NAMESPACE, probe.copy(), new long[1]);
        }
    }

    @Benchmark @OperationsPerInvocation(Fixtures.BATCH_ROWS)
    public long get() {
        long sum = 0;
        for (int r = 0; r < bids.size; r++) sum += store.get(NAMESPACE, probe.load(bids, keyColumns, r))[0]++;
        return sum;
    }

    @Benchmark @OperationsPerInvocation(Fixtures.BATCH_ROWS)
    public long put() {
        for (int r = 0; r < bids.size; r++) store.put(NAMESPACE, probe.load(bids, keyColumns, r), value);
        return store.size();
    }
}
