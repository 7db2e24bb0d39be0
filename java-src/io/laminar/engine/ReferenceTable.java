package io.laminar.engine;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import io.laminar.data.Schema;
import io.laminar.state.BytesIn;
import io.laminar.state.BytesOut;
import io.laminar.state.ValueCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A reference table ({@code CREATE TABLE ... PRIMARY KEY}): rows keyed by primary key; INSERT upserts. Rows are kept
 * in Calcite's internal representation so ad-hoc queries scan them directly.
 *
 * <p>By default every row lives on the heap. With a RocksDB directory ({@code storage = 'persistent'}, or a
 * {@code heap.rows} threshold) every row is written to RocksDB and the heap keeps only the {@code heap.rows} most
 * recently used ones: a table larger than memory works, and a persistent table's rows are on disk when the database
 * reopens. Values are stored with {@link ValueCodec} and turned back into Calcite's types by column type.
 */
final class ReferenceTable implements io.laminar.lookup.KeyedRows, AutoCloseable {
    static { RocksDB.loadLibrary(); }

    private final Schema schema;
    private final int[] keyColumns;
    private final Map<List<Object>, Object[]> rows;
    private final Path rocksDir;
    private final boolean deleteOnClose;
    private final Options options;
    private final RocksDB db;
    private long count;

    /** A heap-only table. */
    ReferenceTable(Schema schema, int[] keyColumns) {
        this(schema, keyColumns, null, Integer.MAX_VALUE, false);
    }

    /**
     * @param rocksDir      where rows spill or persist (null: heap only)
     * @param heapRows      rows kept on the heap when {@code rocksDir} is set
     * @param deleteOnClose true for a spill directory that must not outlive the table
     */
    ReferenceTable(Schema schema, int[] keyColumns, Path rocksDir, int heapRows, boolean deleteOnClose) {
        this.schema = schema;
        this.keyColumns = keyColumns;
        this.rocksDir = rocksDir;
        this.deleteOnClose = deleteOnClose;
        if (rocksDir == null) {
            rows = new LinkedHashMap<>();
            options = null;
            db = null;
            return;
        }
        rows = new LinkedHashMap<>(16, 0.75f, true) { // least recently used first
            @Override protected boolean removeEldestEntry(Map.Entry<List<Object>, Object[]> eldest) {
                return size() > heapRows;
            }
        };
        try {
            Files.createDirectories(rocksDir);
            options = new Options().setCreateIfMissing(true);
            db = RocksDB.open(options, rocksDir.toString());
            try (RocksIterator it = db.newIterator()) {
                for (it.seekToFirst(); it.isValid(); it.next()) count++;
            }
        } catch (IOException | RocksDBException e) {
            throw new LaminarException(ErrorCode.STATE_IO, "cannot open the storage of a table at " + rocksDir + ": "
                    + e.getMessage(), Map.of("path", rocksDir.toString()), e);
        }
    }

    @Override public Schema schema() { return schema; }
    @Override public int[] keyColumns() { return keyColumns; }

    /** Lookups read the table's current rows. */
    @Override public io.laminar.lookup.RowLookup newLookup() { return this::lookup; }

    /** Inserts or replaces by primary key (a table without a key appends). */
    synchronized void upsert(Object[] internalRow) {
        List<Object> key;
        if (keyColumns.length == 0) {
            key = List.of(count, new Object());
        } else {
            Object[] k = new Object[keyColumns.length];
            for (int i = 0; i < k.length; i++) k[i] = internalRow[keyColumns[i]];
            key = Arrays.asList(k);
        }
        if (db == null) {
            rows.put(key, internalRow);
            count = rows.size();
            return;
        }
        byte[] keyBytes = keyColumns.length == 0 ? encode(new Object[] {count}) : encode(key.toArray());
        try {
            if (keyColumns.length == 0 || db.get(keyBytes) == null) count++;
            db.put(keyBytes, encode(internalRow));
        } catch (RocksDBException e) {
            throw new LaminarException(ErrorCode.STATE_IO, "cannot write a row of a table to " + rocksDir + ": "
                    + e.getMessage(), Map.of("path", rocksDir.toString()), e);
        }
        rows.put(key, internalRow);
    }

    synchronized List<Object[]> snapshot() {
        if (db == null) return new ArrayList<>(rows.values());
        List<Object[]> out = new ArrayList<>((int) Math.min(count, 1 << 20));
        try (RocksIterator it = db.newIterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) out.add(decode(it.value()));
        }
        return out;
    }

    synchronized long size() { return count; }

    /**
     * The row with primary key {@code key} (values in Calcite's internal representation, in key-column order), or
     * null. A row on disk only is read back and cached. Called from core threads (lookup joins): the monitor is
     * uncontended unless the table is being written at the same moment.
     */
    synchronized Object[] lookup(List<Object> key) {
        Object[] row = rows.get(key);
        if (row != null || db == null) return row;
        try {
            byte[] bytes = db.get(encode(key.toArray()));
            if (bytes == null) return null;
            row = decode(bytes);
            rows.put(new ArrayList<>(key), row);
            return row;
        } catch (RocksDBException e) {
            throw new LaminarException(ErrorCode.STATE_IO, "cannot read a row of a table from " + rocksDir + ": "
                    + e.getMessage(), Map.of("path", rocksDir.toString()), e);
        }
    }

    /** Rows currently held on the heap (all of them for a heap-only table). */
    synchronized int heapRows() { return rows.size(); }

    private static byte[] encode(Object[] values) {
        BytesOut out = new BytesOut(64);
        try {
            ValueCodec.writeValue(out, values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A stored row back in Calcite's internal types (ValueCodec widens integers to Long, floats to Double). */
    private Object[] decode(byte[] bytes) {
        Object[] raw;
        try {
            raw = (Object[]) ValueCodec.readValue(new BytesIn(bytes));
        } catch (IOException e) {
            throw new LaminarException(ErrorCode.STATE_IO, "a row of the table at " + rocksDir + " is corrupt: "
                    + e.getMessage(), Map.of("path", rocksDir.toString()), e);
        }
        for (int c = 0; c < raw.length; c++) {
            Object v = raw[c];
            if (v == null) continue;
            raw[c] = switch (schema.field(c).type()) {
                case BOOLEAN -> v instanceof Boolean ? v : ((Number) v).longValue() != 0;
                case TINYINT -> ((Number) v).byteValue();
                case SMALLINT -> ((Number) v).shortValue();
                case INTEGER, DATE, TIME -> ((Number) v).intValue();
                case BIGINT, TIMESTAMP, INTERVAL_MILLIS, INTERVAL_MONTHS -> ((Number) v).longValue();
                case FLOAT, DOUBLE -> ((Number) v).doubleValue();
                case DECIMAL -> v instanceof BigDecimal ? v : new BigDecimal(v.toString());
                case VARCHAR, VARBINARY -> v;
            };
        }
        return raw;
    }

    /** Releases RocksDB; a spill directory is deleted, a persistent one kept. */
    @Override public synchronized void close() {
        if (db == null) return;
        db.close();
        options.close();
        if (deleteOnClose) deleteStorage();
    }

    /** DROP TABLE: the rows are gone for good. Call after {@link #close}. */
    void deleteStorage() {
        if (rocksDir == null || Files.notExists(rocksDir)) return; // a spill directory went with close()
        try (Stream<Path> files = Files.walk(rocksDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            System.err.println("laminar: could not delete " + rocksDir + ": " + e.getMessage());
        }
    }
}
