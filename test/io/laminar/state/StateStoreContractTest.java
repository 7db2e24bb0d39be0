package io.laminar.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One suite, every {@link StateStore}: heap, and RocksDB with a roomy and a one-entry cache (everything spills). */
class StateStoreContractTest {
    private static final Schema KEYS = Schema.of(new Field("id", ColumnType.BIGINT), new Field("name", ColumnType.VARCHAR));
    private static final ColumnType.Storage[] STORAGE = ValueCodec.storageOf(KEYS);
    private final List<RocksStateBackend> opened = new ArrayList<>();

    /** A mutable counter, the shape of operator state (mutated in place after get). */
    static final class Counter {
        long n;

        Counter(long n) { this.n = n; }
    }

    static final StateSerde<Counter> SERDE = new StateSerde<>() {
        @Override public void write(DataOutput out, Counter v) throws IOException { out.writeLong(v.n); }
        @Override public Counter read(DataInput in) throws IOException { return new Counter(in.readLong()); }
    };

    /** heap; RocksDB with room for every value on the heap; RocksDB with a one-value cache (everything spills). */
    static Stream<String> backends() {
        return Stream.of("heap", "rocksdb", "rocksdb-spilling");
    }

    private StateBackend backend(String name) {
        if (name.equals("heap")) return StateBackend.HEAP;
        RocksStateBackend b = new RocksStateBackend(null, name.equals("rocksdb") ? 10_000 : 1);
        opened.add(b);
        return b;
    }

    @AfterEach void closeBackends() {
        opened.forEach(RocksStateBackend::close);
    }

    private static KeyRow key(long id, String name) {
        Batch b = new Batch(KEYS, 1);
        int r = b.addRow(RowKind.INSERT);
        b.setLong(0, r, id);
        if (name == null) b.setNull(1, r);
        else b.setObject(1, r, name);
        return new KeyRow(STORAGE).load(b, new int[] {0, 1}, r).copy();
    }

    private static StateStore<Counter> store(StateBackend backend) {
        return backend.create("contract", STORAGE, SERDE);
    }

    @ParameterizedTest @MethodSource("backends")
    void getPutRemoveAcrossNamespaces(String backendName) {
        StateBackend backend = backend(backendName);
        StateStore<Counter> s = store(backend);
        assertNull(s.get(10, key(1, "a")));
        s.put(10, key(1, "a"), new Counter(1));
        s.put(20, key(1, "a"), new Counter(2));
        s.put(10, key(2, null), new Counter(3));
        assertEquals(1, s.get(10, key(1, "a")).n);
        assertEquals(2, s.get(20, key(1, "a")).n);
        assertEquals(3, s.get(10, key(2, null)).n, "null key fields are part of the key");
        assertNull(s.get(10, key(2, "")));
        assertEquals(3, s.size());
        assertEquals(3, s.remove(10, key(2, null)).n);
        assertNull(s.get(10, key(2, null)));
        assertEquals(2, s.size());
        s.close();
    }

    @ParameterizedTest @MethodSource("backends")
    void inPlaceMutationsAreKeptEvenWhenValuesSpill(String backendName) {
        StateBackend backend = backend(backendName);
        StateStore<Counter> s = store(backend);
        for (int i = 0; i < 50; i++) s.put(0, key(i, "k"), new Counter(0));
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 50; i++) s.get(0, key(i, "k")).n += i; // evicts others when the cache is tiny
        }
        for (int i = 0; i < 50; i++) assertEquals(3L * i, s.get(0, key(i, "k")).n, "key " + i);
        s.close();
    }

    @ParameterizedTest @MethodSource("backends")
    void namespacesFireInOrderAndAreEvicted(String backendName) {
        StateBackend backend = backend(backendName);
        StateStore<Counter> s = store(backend);
        for (long ns : new long[] {30, -5, 10, 20}) {
            for (int i = 0; i < 3; i++) s.put(ns, key(i, "w"), new Counter(ns));
        }
        assertEquals(-5, s.firstNamespace());
        assertEquals(10, s.nextNamespace(-5));
        assertEquals(Long.MAX_VALUE, s.nextNamespace(30));
        List<Long> fired = new ArrayList<>();
        s.removeNamespacesUpTo(10, (ns, k, v) -> {
            assertEquals(ns, v.n);
            fired.add(ns);
        });
        assertEquals(List.of(-5L, -5L, -5L, 10L, 10L, 10L), fired);
        assertEquals(20, s.firstNamespace());
        assertEquals(6, s.size());
        assertNull(s.get(10, key(0, "w")));
        List<Long> in20 = new ArrayList<>();
        s.forEach(20, (k, v) -> in20.add(v.n));
        assertEquals(List.of(20L, 20L, 20L), in20);
        s.close();
    }

    @ParameterizedTest @MethodSource("backends")
    void snapshotsRestoreIntoAnyBackend(String backendName) throws IOException {
        StateBackend backend = backend(backendName);
        StateStore<Counter> s = store(backend);
        for (int i = 0; i < 100; i++) s.put(i % 4, key(i, "s" + i), new Counter(i));
        s.get(2, key(2, "s2")).n = 999;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StoreSnapshot.write(new DataOutputStream(bytes), s, SERDE);
        for (String other : backends().toList()) {
            StateStore<Counter> r = store(backend(other));
            r.put(7, key(7, "stale"), new Counter(7)); // restore replaces what was there
            StoreSnapshot.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), r, SERDE, STORAGE);
            assertEquals(100, r.size());
            assertNull(r.get(7, key(7, "stale")));
            assertEquals(999, r.get(2, key(2, "s2")).n);
            assertEquals(51, r.get(3, key(51, "s51")).n);
            r.close();
        }
        s.close();
    }

    @ParameterizedTest @MethodSource("backends")
    void clearEmptiesEverything(String backendName) {
        StateBackend backend = backend(backendName);
        StateStore<Counter> s = store(backend);
        Counter c = new Counter(5);
        s.put(1, key(1, "x"), c);
        if (backend == StateBackend.HEAP) assertSame(c, s.get(1, key(1, "x")));
        s.clear();
        assertEquals(0, s.size());
        assertEquals(Long.MAX_VALUE, s.firstNamespace());
        assertNull(s.get(1, key(1, "x")));
        s.close();
    }

    @ParameterizedTest @MethodSource("backends")
    void manyKeys(String backendName) {
        StateBackend backend = backend(backendName);
        StateStore<Counter> s = store(backend);
        for (int i = 0; i < 20_000; i++) s.put(0, key(i, null), new Counter(i));
        long[] sum = {0};
        s.forEachEntry((ns, k, v) -> sum[0] += v.n);
        assertEquals(20_000L * 19_999 / 2, sum[0]);
        assertTrue(s.size() == 20_000);
        s.close();
    }
}
