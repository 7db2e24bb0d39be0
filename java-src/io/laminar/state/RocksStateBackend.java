package io.laminar.state;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import io.laminar.data.ColumnType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * State in RocksDB: one database per Laminar database (under {@code DIR/state/rocksdb}, or a temporary directory
 * for an in-memory database), one column family per operator instance, bloom filters on keys, and the namespace
 * (window end) as an 8-byte key prefix so prefix scans and range deletes fire windows.
 *
 * <p>RocksDB here is a spill store, not the source of truth: its own WAL is off, and the directory is wiped when
 * the database opens — durability comes from checkpoints. With a {@link SnapshotFiles} (a database with a
 * directory) a store snapshots natively: its entries go, as stored, into an SST file of the checkpoint, and a
 * restore ingests (hard-links) that file instead of putting entries one by one. Without one, stores snapshot in the
 * portable entry format ({@link StoreSnapshot}). Either kind restores into either backend.
 */
public final class RocksStateBackend implements StateBackend, AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final boolean deleteOnClose;
    private final int cacheEntries;
    private final RocksDB db;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final WriteOptions writeOptions;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final BloomFilter bloom;
    private final SnapshotFiles snapshotFiles;
    private int nextId;

    /**
     * @param dir          where RocksDB keeps its files; wiped first. Null: a temporary directory removed on close
     * @param cacheEntries how many values each store keeps live on the heap (its write-back cache)
     */
    public RocksStateBackend(Path dir, int cacheEntries) {
        this(dir, cacheEntries, null);
    }

    /**
     * @param snapshotFiles where native snapshots are written and read (null: stores snapshot in the portable
     *                      entry format)
     */
    public RocksStateBackend(Path dir, int cacheEntries, SnapshotFiles snapshotFiles) {
        this.snapshotFiles = snapshotFiles;
        try {
            this.deleteOnClose = dir == null;
            this.dir = dir == null ? Files.createTempDirectory("laminar-rocksdb") : dir;
            if (dir != null) deleteRecursively(dir);
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new LaminarException(ErrorCode.STATE_IO, "cannot prepare the RocksDB state directory " + dir + ": " + e,
                    Map.of("path", String.valueOf(dir)), e);
        }
        this.cacheEntries = cacheEntries;
        bloom = new BloomFilter(10, false);
        cfOptions = new ColumnFamilyOptions()
                .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(bloom).setWholeKeyFiltering(true))
                .useFixedLengthPrefixExtractor(RocksStateStore.NAMESPACE_LENGTH);
        dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        writeOptions = new WriteOptions().setDisableWAL(true); // checkpoints, not RocksDB's log, make state durable
        List<ColumnFamilyHandle> out = new ArrayList<>();
        try {
            db = RocksDB.open(dbOptions, this.dir.toString(),
                    List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions)), out);
        } catch (RocksDBException e) {
            throw new LaminarException(ErrorCode.STATE_IO, "cannot open RocksDB state at " + this.dir + ": " + e.getMessage(),
                    Map.of("path", this.dir.toString()), e);
        }
        handles.addAll(out);
    }

    public Path directory() { return dir; }

    /** Where this backend's stores write native snapshots now; null: none (portable snapshots). */
    Path snapshotDirectory() { return snapshotFiles == null ? null : snapshotFiles.writingDirectory(); }

    /** Options for SST files that will be ingested into a store's column family (same table format and prefixes). */
    org.rocksdb.Options sstOptions() {
        return new org.rocksdb.Options(dbOptions, cfOptions);
    }

    /**
     * Ingests the SST file {@code file} (a checkpoint's) into column family {@code cf}: hard-linked under a fresh
     * name in the state directory and moved in by RocksDB, so the checkpoint keeps its own link and no byte is copied
     * (copied instead where the two directories are on different file systems).
     */
    synchronized void ingest(ColumnFamilyHandle cf, Path file) throws IOException, RocksDBException {
        Path staged = dir.resolve("ingest-" + System.nanoTime() + "-" + file.getFileName());
        try {
            Files.createLink(staged, file);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(file, staged);
        }
        try (org.rocksdb.IngestExternalFileOptions o = new org.rocksdb.IngestExternalFileOptions().setMoveFiles(true)) {
            db.ingestExternalFile(cf, List.of(staged.toString()), o);
        } finally {
            Files.deleteIfExists(staged); // RocksDB removed it on success; a failed ingest leaves it
        }
    }

    @Override public synchronized <V> StateStore<V> create(String name, ColumnType.Storage[] keyStorage, StateSerde<V> serde) {
        String cfName = name + "#" + (nextId++);
        try {
            ColumnFamilyHandle h = db.createColumnFamily(new ColumnFamilyDescriptor(
                    cfName.getBytes(java.nio.charset.StandardCharsets.UTF_8), cfOptions));
            handles.add(h);
            return new RocksStateStore<>(this, db, h, writeOptions, keyStorage, serde, cacheEntries);
        } catch (RocksDBException e) {
            throw new LaminarException(ErrorCode.STATE_IO, "cannot create RocksDB column family " + cfName + ": " + e.getMessage(),
                    Map.of("path", dir.toString()), e);
        }
    }

    synchronized void drop(ColumnFamilyHandle h) {
        try {
            db.dropColumnFamily(h);
        } catch (RocksDBException e) {
            // dropping is cleanup; the column family is wiped with the directory on the next open anyway
        }
        handles.remove(h);
        h.close();
    }

    @Override public synchronized void close() {
        for (ColumnFamilyHandle h : handles) h.close();
        handles.clear();
        db.close();
        dbOptions.close();
        cfOptions.close();
        writeOptions.close();
        bloom.close();
        if (deleteOnClose) {
            try {
                deleteRecursively(dir);
            } catch (IOException ignored) {
                // a temp directory; the OS cleans up eventually
            }
        }
    }

    @Override public String toString() { return "rocksdb"; }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (var s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        }
    }
}
