package io.laminar.state;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import io.laminar.data.ColumnType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A {@link StateStore} in one RocksDB column family, with the hottest values live on the heap.
 *
 * <p>Entry key: {@code [8-byte namespace, sign bit flipped so byte order = numeric order][KeyRow.write bytes]};
 * value: the operator's {@link StateSerde} bytes. Operators mutate values in place, so the heap side is a
 * write-back LRU cache of at most {@code cacheEntries} values: a value evicted from it is written to RocksDB, and
 * every scan (forEach, window firing, snapshot) first writes the whole cache back. Namespace counts are kept on the
 * heap (one entry per open window), so {@link #firstNamespace()} and {@link #size()} never touch the disk.
 *
 * <p>Owned by one core thread, like every store.
 */
public final class RocksStateStore<V> implements StateStore<V> {
    static final int NAMESPACE_LENGTH = 8;

    private final RocksStateBackend backend;
    private final RocksDB db;
    private final ColumnFamilyHandle cf;
    private final WriteOptions writeOptions;
    private final ColumnType.Storage[] keyStorage;
    private final StateSerde<V> serde;
    private final int cacheEntries;
    private final TreeMap<Long, long[]> namespaceCounts = new TreeMap<>();
    private final LinkedHashMap<CacheKey, V> cache;
    private final CacheKey probe = new CacheKey();
    private final BytesOut out = new BytesOut(256);
    private long size;
    private long spilled;

    /** (namespace, key) in the cache; the probe instance is reused for lookups. */
    private static final class CacheKey {
        long ns;
        KeyRow key;

        CacheKey() {}

        CacheKey(long ns, KeyRow key) {
            this.ns = ns;
            this.key = key;
        }

        @Override public int hashCode() { return key.hashCode() * 31 + Long.hashCode(ns); }

        @Override public boolean equals(Object o) {
            return o instanceof CacheKey c && c.ns == ns && c.key.equals(key);
        }
    }

    RocksStateStore(RocksStateBackend backend, RocksDB db, ColumnFamilyHandle cf, WriteOptions writeOptions,
                    ColumnType.Storage[] keyStorage, StateSerde<V> serde, int cacheEntries) {
        this.backend = backend;
        this.db = db;
        this.cf = cf;
        this.writeOptions = writeOptions;
        this.keyStorage = keyStorage;
        this.serde = serde;
        this.cacheEntries = Math.max(1, cacheEntries);
        this.cache = new LinkedHashMap<>(Math.min(this.cacheEntries, 1 << 16) * 2, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<CacheKey, V> eldest) {
                if (size() <= RocksStateStore.this.cacheEntries) return false;
                writeBack(eldest.getKey(), eldest.getValue());
                return true;
            }
        };
    }

    /** Values written to RocksDB because the cache was full (how often state spilled off the heap). */
    public long spilledValues() { return spilled; }

    /** Values currently live on the heap. */
    public int cachedValues() { return cache.size(); }

    // ---- encoding

    private byte[] encodeKey(long ns, KeyRow key) {
        out.reset();
        try {
            out.writeLong(ns ^ Long.MIN_VALUE);
            key.write(out);
        } catch (IOException e) {
            throw fault("encode a key", e);
        }
        return out.toByteArray();
    }

    private static byte[] prefix(long ns) {
        long v = ns ^ Long.MIN_VALUE;
        byte[] b = new byte[NAMESPACE_LENGTH];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    private static long namespaceOf(byte[] key) {
        long v = 0;
        for (int i = 0; i < NAMESPACE_LENGTH; i++) v = (v << 8) | (key[i] & 0xff);
        return v ^ Long.MIN_VALUE;
    }

    private KeyRow keyOf(byte[] key) throws IOException {
        return KeyRow.read(new BytesIn(key, NAMESPACE_LENGTH, key.length - NAMESPACE_LENGTH), keyStorage);
    }

    private byte[] encodeValue(V v) {
        out.reset();
        try {
            serde.write(out, v);
        } catch (IOException e) {
            throw fault("encode a value", e);
        }
        return out.toByteArray();
    }

    private V decodeValue(byte[] b) {
        try {
            return serde.read(new BytesIn(b));
        } catch (IOException e) {
            throw fault("decode a value", e);
        }
    }

    private void writeBack(CacheKey k, V v) {
        try {
            db.put(cf, writeOptions, encodeKey(k.ns, k.key), encodeValue(v));
            spilled++;
        } catch (RocksDBException e) {
            throw fault("write", e);
        }
    }

    private LaminarException fault(String what, Exception e) {
        return new LaminarException(ErrorCode.STATE_IO, "RocksDB state store could not " + what + ": " + e.getMessage()
                + " (state directory " + backend.directory() + ")", Map.of("path", backend.directory().toString()), e);
    }

    // ---- StateStore

    @Override public V get(long namespace, KeyRow key) {
        probe.ns = namespace;
        probe.key = key;
        V v = cache.get(probe);
        if (v != null) return v;
        if (!namespaceCounts.containsKey(namespace)) return null;
        byte[] raw;
        try {
            raw = db.get(cf, encodeKey(namespace, key)); // the bloom filter answers most misses without I/O
        } catch (RocksDBException e) {
            throw fault("read", e);
        }
        if (raw == null) return null;
        v = decodeValue(raw);
        cache.put(new CacheKey(namespace, key.copy()), v);
        return v;
    }

    @Override public void put(long namespace, KeyRow key, V value) {
        if (cache.put(new CacheKey(namespace, key), value) == null) {
            namespaceCounts.computeIfAbsent(namespace, n -> new long[1])[0]++;
            size++;
        }
    }

    @Override public V remove(long namespace, KeyRow key) {
        V v = get(namespace, key);
        if (v == null) return null;
        probe.ns = namespace;
        probe.key = key;
        cache.remove(probe);
        try {
            db.delete(cf, writeOptions, encodeKey(namespace, key));
        } catch (RocksDBException e) {
            throw fault("delete", e);
        }
        long[] c = namespaceCounts.get(namespace);
        if (--c[0] == 0) namespaceCounts.remove(namespace);
        size--;
        return v;
    }

    @Override public void flushCache() {
        if (cache.isEmpty()) return;
        try (WriteBatch batch = new WriteBatch()) {
            for (Map.Entry<CacheKey, V> e : cache.entrySet()) {
                batch.put(cf, encodeKey(e.getKey().ns, e.getKey().key), encodeValue(e.getValue()));
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw fault("write back its cache", e);
        }
    }

    /** Visits entries with {@code from <= namespace < to}; visited values not in the cache are written back. */
    private void scan(long from, long to, NamespaceVisitor<V> visitor) {
        flushCache();
        byte[] upper = to == Long.MAX_VALUE ? null : prefix(to);
        try (RocksIterator it = db.newIterator(cf, new org.rocksdb.ReadOptions().setTotalOrderSeek(true))) {
            for (it.seek(prefix(from)); it.isValid(); it.next()) {
                byte[] k = it.key();
                if (upper != null && Arrays.compareUnsigned(k, 0, NAMESPACE_LENGTH, upper, 0, NAMESPACE_LENGTH) >= 0) break;
                long ns = namespaceOf(k);
                KeyRow key = keyOf(k);
                probe.ns = ns;
                probe.key = key;
                V cached = cache.get(probe);
                V v = cached != null ? cached : decodeValue(it.value());
                visitor.visit(ns, key, v);
                if (cached == null) db.put(cf, writeOptions, k, encodeValue(v)); // the visitor may have changed it
            }
        } catch (IOException | RocksDBException e) {
            throw fault("scan", e);
        }
    }

    @Override public void forEach(long namespace, BiConsumer<KeyRow, V> visitor) {
        if (!namespaceCounts.containsKey(namespace)) return;
        scan(namespace, namespace == Long.MAX_VALUE ? Long.MAX_VALUE : namespace + 1, (ns, k, v) -> visitor.accept(k, v));
    }

    @Override public void removeNamespacesUpTo(long upTo, NamespaceVisitor<V> visitor) {
        if (namespaceCounts.isEmpty() || namespaceCounts.firstKey() > upTo) return;
        long from = namespaceCounts.firstKey();
        long end = upTo == Long.MAX_VALUE ? Long.MAX_VALUE : upTo + 1;
        scan(from, end, visitor);
        cache.keySet().removeIf(k -> k.ns <= upTo);
        try {
            if (end == Long.MAX_VALUE) {
                byte[] last = new byte[NAMESPACE_LENGTH + 1];
                Arrays.fill(last, (byte) 0xff);
                db.deleteRange(cf, writeOptions, prefix(from), last);
            } else {
                db.deleteRange(cf, writeOptions, prefix(from), prefix(end));
            }
        } catch (RocksDBException e) {
            throw fault("delete a range", e);
        }
        var head = namespaceCounts.headMap(upTo, true);
        for (long[] c : head.values()) size -= c[0];
        head.clear();
    }

    @Override public long firstNamespace() {
        return namespaceCounts.isEmpty() ? Long.MAX_VALUE : namespaceCounts.firstKey();
    }

    @Override public long nextNamespace(long after) {
        Long n = namespaceCounts.higherKey(after);
        return n == null ? Long.MAX_VALUE : n;
    }

    @Override public long size() { return size; }

    @Override public void forEachEntry(NamespaceVisitor<V> visitor) {
        if (namespaceCounts.isEmpty()) return;
        scan(namespaceCounts.firstKey(), Long.MAX_VALUE, visitor);
    }

    @Override public void clear() {
        cache.clear();
        if (!namespaceCounts.isEmpty()) {
            try {
                byte[] last = new byte[NAMESPACE_LENGTH + 1];
                Arrays.fill(last, (byte) 0xff);
                db.deleteRange(cf, writeOptions, new byte[NAMESPACE_LENGTH], last);
            } catch (RocksDBException e) {
                throw fault("clear", e);
            }
        }
        namespaceCounts.clear();
        size = 0;
    }

    // ---- native snapshots (see SnapshotFiles)

    /** Where this store writes a native snapshot now; null: write the portable entry format. */
    Path nativeSnapshotDirectory() { return backend.snapshotDirectory(); }

    /**
     * Writes every entry, as RocksDB holds it (sorted raw keys and values, nothing decoded), into a new SST file in
     * {@code dir}; then the payload: {@code long size, int n, n x (long namespace, long count), string file name
     * ("" when empty), long file length}. Runs on the owning core at the barrier.
     */
    void writeNative(java.io.DataOutput out, Path dir) throws IOException {
        flushCache();
        String file = "";
        long length = 0;
        if (size > 0) {
            file = "rocks-" + System.nanoTime() + "-" + Integer.toHexString(System.identityHashCode(this)) + ".sst";
            Path path = dir.resolve(file);
            try (org.rocksdb.Options options = backend.sstOptions();
                 org.rocksdb.EnvOptions env = new org.rocksdb.EnvOptions();
                 org.rocksdb.SstFileWriter writer = new org.rocksdb.SstFileWriter(env, options);
                 org.rocksdb.ReadOptions read = new org.rocksdb.ReadOptions().setTotalOrderSeek(true);
                 RocksIterator it = db.newIterator(cf, read)) {
                writer.open(path.toString());
                for (it.seekToFirst(); it.isValid(); it.next()) writer.put(it.key(), it.value());
                writer.finish();
            } catch (RocksDBException e) {
                throw new IOException("cannot write the RocksDB snapshot " + path + ": " + e.getMessage(), e);
            }
            length = java.nio.file.Files.size(path);
        }
        out.writeLong(size);
        out.writeInt(namespaceCounts.size());
        for (Map.Entry<Long, long[]> e : namespaceCounts.entrySet()) {
            out.writeLong(e.getKey());
            out.writeLong(e.getValue()[0]);
        }
        ValueCodec.writeString(out, file);
        out.writeLong(length);
    }

    /** Replaces this store's entries with those of a native snapshot's SST file (ingested, not read). */
    void restoreNative(Path file, long entries, TreeMap<Long, long[]> counts) throws IOException {
        clear();
        if (file != null) {
            try {
                backend.ingest(cf, file);
            } catch (RocksDBException e) {
                throw new IOException("cannot ingest the RocksDB snapshot " + file + ": " + e.getMessage(), e);
            }
        }
        namespaceCounts.putAll(counts);
        size = entries;
    }

    /** Decodes the entries of a native snapshot's SST file into any store (a query moved to the heap backend). */
    static <V> void readNative(Path file, StateStore<V> into, StateSerde<V> serde, ColumnType.Storage[] keyStorage)
            throws IOException {
        RocksDB.loadLibrary(); // a heap-only database may not have loaded it yet
        try (org.rocksdb.Options options = new org.rocksdb.Options();
             org.rocksdb.SstFileReader reader = new org.rocksdb.SstFileReader(options)) {
            reader.open(file.toString());
            try (org.rocksdb.ReadOptions read = new org.rocksdb.ReadOptions();
                 org.rocksdb.SstFileReaderIterator it = reader.newIterator(read)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    byte[] k = it.key();
                    KeyRow key = KeyRow.read(new BytesIn(k, NAMESPACE_LENGTH, k.length - NAMESPACE_LENGTH), keyStorage);
                    into.put(namespaceOf(k), key, serde.read(new BytesIn(it.value())));
                }
            }
        } catch (RocksDBException e) {
            throw new IOException("cannot read the RocksDB snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    @Override public void close() {
        cache.clear();
        backend.drop(cf);
    }
}
