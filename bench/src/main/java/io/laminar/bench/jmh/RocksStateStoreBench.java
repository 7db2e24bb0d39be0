package io.laminar.bench.jmh;

import io.laminar.data.Batch;
import io.laminar.state.KeyRow;
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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The RocksDB {@link StateStore} under {@link HeapStateStoreBench}'s load — a reused key probe loaded from each row
 * of a batch of Nexmark bids, {@code get} (every key present, value updated in place) or {@code put} (overwriting) in
 * the newest window — with its write-back heap cache large enough for every key ({@code cache = 100000}: the
 * steady state of a working set that fits) or of one entry ({@code cache = 1}: every access goes to RocksDB,
 * encoding, JNI and all — state far larger than the heap). Reported per row.
 */
@State(Scope.Thread)
public class RocksStateStoreBench extends CoreBenchmark {
    private static final long NAMESPACE = 1_767_225_610_000L;

    @Param({"auction", "channel"})
    public String key;

    @Param({"100000", "1"})
    public int cache;

    private Batch bids;
    private int[] keyColumns;
    private KeyRow probe;
    private RocksStateBackend backend;
    private StateStore<long[]> store;
    private final long[] value = new long[1];

    /** A value of one long, as an aggregate's counter. */
    private static final StateSerde<long[]> COUNTER = new StateSerde<>() {
        @Override public void write(DataOutput out, long[] v) throws IOException { out.writeLong(v[0]); }
        @Override public long[] read(DataInput in) throws IOException { return new long[] {in.readLong()}; }
    };

    @Setup public void setup() {
        bids = Fixtures.bids(Fixtures.BATCH_ROWS);
        keyColumns = new int[] {bids.schema.indexOf(key)};
        if (keyColumns[0] < 0) throw new IllegalArgumentException("key must be a bid column, not " + key);
        probe = new KeyRow(KeyRow.storageOf(bids.schema, keyColumns));
        backend = new RocksStateBackend(null, cache); // a temporary directory, removed on close
        store = backend.create("bench", probe.storage(), COUNTER);
        for (int r = 0; r < bids.size; r++) {
            probe.load(bids, keyColumns, r);
            if (store.get(NAMESPACE, probe) == null) store.put(NAMESPACE, probe.copy(), new long[1]);
        }
        store.flushCache();
    }

    @TearDown public void tearDown() {
        store.close();
        backend.close();
    }

    @Benchmark @OperationsPerInvocation(Fixtures.BATCH_ROWS)
    public long get() {
        long sum = 0;
        for (int r = 0; r < bids.size; r++) sum += store.get(NAMESPACE, probe.load(bids, keyColumns, r))[0]++;
        return sum;
    }

    @Benchmark @OperationsPerInvocation(Fixtures.BATCH_ROWS)
    public long put() {
        // the store keeps the key it is given: a put of a key it does not hold yet needs a copy, as operators do
        for (int r = 0; r < bids.size; r++) store.put(NAMESPACE, probe.load(bids, keyColumns, r).copy(), value);
        return store.size();
    }
}
