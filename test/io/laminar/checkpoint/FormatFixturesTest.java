package io.laminar.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.state.BytesIn;
import io.laminar.state.BytesOut;
import io.laminar.state.HeapStateStore;
import io.laminar.state.KeyRow;
import io.laminar.state.RocksStateBackend;
import io.laminar.state.SnapshotFiles;
import io.laminar.state.StateSerde;
import io.laminar.state.StateStore;
import io.laminar.state.StoreSnapshot;
import io.laminar.state.ValueCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format stability of checkpoints: {@code test/io/laminar/checkpoint/formats/v1/} is a checkpoint directory (its
 * MANIFEST and one state file) written by format version 1. Today's code must read it, and must still write the
 * same bytes for the same content — so a change to the manifest, the state file frame, the store snapshot layout,
 * key encoding or any value tag fails here instead of slipping in and making old checkpoints unreadable. A real
 * format change adds a v2 directory beside this one (and a reader for v1), never new bytes in v1.
 *
 * <p>Regenerate only deliberately: {@code -Dlaminar.formats.write=true} rewrites the fixture from the code.
 */
class FormatFixturesTest {
    private static final Path V1 = Path.of("test", "io", "laminar", "checkpoint", "formats", "v1");
    private static final String STATE_FILE = "q@core0.state";
    private static final ColumnType.Storage[] KEY = {ColumnType.Storage.LONG, ColumnType.Storage.DOUBLE, ColumnType.Storage.OBJECT};

    @TempDir Path tmp;

    /** Values are tagged values (every tag of ValueCodec once); the serde is the codec itself. */
    private static final StateSerde<Object> TAGGED = new StateSerde<>() {
        @Override public void write(DataOutput out, Object value) throws IOException { ValueCodec.writeValue(out, value); }
        @Override public Object read(DataInput in) throws IOException { return ValueCodec.readValue(in); }
    };

    private static KeyRow key(Long l, Double d, String s) {
        Schema schema = Schema.of(new Field("l", ColumnType.BIGINT, true, 0, 0), new Field("d", ColumnType.DOUBLE, true, 0, 0),
                new Field("s", ColumnType.VARCHAR, true, 0, 0));
        Batch b = new Batch(schema, 1);
        int r = b.addRow(RowKind.INSERT);
        if (l == null) b.setNull(0, r); else b.setLong(0, r, l);
        if (d == null) b.setNull(1, r); else b.setDouble(1, r, d);
        if (s == null) b.setNull(2, r); else b.setObject(2, r, s);
        return new KeyRow(KEY).load(b, new int[] {0, 1, 2}, r).copy();
    }

    /** The fixture's content: one entry per namespace, so the snapshot's order is the namespaces' order. */
    private static HeapStateStore<Object> store() {
        HeapStateStore<Object> s = new HeapStateStore<>();
        s.put(-5, key(7L, Double.NaN, ""), List.of(1L, "two", List.of()));
        s.put(0, key(1L, 1.5, "a"), new Object[] {null, 42L, 2.5, "text ü", new BigDecimal("-12.340"), new byte[] {1, 2, (byte) 0xff},
                true, Set.of("only"), new Object[] {Long.MIN_VALUE}});
        s.put(1_000, key(null, null, "ß"), Long.MAX_VALUE);
        return s;
    }

    private static Manifest manifest(int stateCrc) {
        Manifest m = new Manifest();
        m.id = 7;
        m.createdAtMillis = 1_700_000_000_000L;
        m.cores = 1;
        Map<String, Object> src = new LinkedHashMap<>();
        src.put("seq", 12L);
        src.put("maxEventTime", 5_000L);
        src.put("watermark", 4_000L);
        src.put("finished", false);
        src.put("connectorPosition", "file-0:3");
        src.put("walCore", 0);
        src.put("walPosition", 640L);
        src.put("rowsIn", 12L);
        m.sources.put("events", src);
        m.wal.put("0", 640L);
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("0", CheckpointCoordinator.fileRef(STATE_FILE, stateCrc));
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("fingerprint", "00112233445566778899aabb");
        op.put("files", files);
        m.operators.put("q", op);
        m.sinks.put("out", "epoch-7");
        return m;
    }

    private static byte[] snapshotBytes() throws IOException {
        BytesOut out = new BytesOut(256);
        StoreSnapshot.write(out, store(), TAGGED);
        return out.toByteArray();
    }

    private static String stateFileName() { return STATE_FILE; }

    @Test void version1IsWrittenByteForByteAsBefore() throws Exception {
        Path written = tmp.resolve("v1");
        Files.createDirectories(written);
        int crc = StateFile.write(written.resolve(stateFileName()), snapshotBytes());
        Files.write(written.resolve(CheckpointStore.MANIFEST), manifest(crc).toBytes());
        if (Boolean.getBoolean("laminar.formats.write")) {
            Files.createDirectories(V1);
            for (String f : List.of(stateFileName(), CheckpointStore.MANIFEST)) Files.copy(written.resolve(f), V1.resolve(f),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        for (String f : List.of(stateFileName(), CheckpointStore.MANIFEST)) {
            assertArrayEquals(Files.readAllBytes(V1.resolve(f)), Files.readAllBytes(written.resolve(f)),
                    f + " is no longer written as format version 1 writes it; old checkpoints would not read back");
        }
    }

    @Test void aVersion1ManifestReadsBack() throws Exception {
        Manifest m = Manifest.parse(Files.readAllBytes(V1.resolve(CheckpointStore.MANIFEST)), "v1/MANIFEST");
        assertEquals(7, m.id);
        assertEquals(1_700_000_000_000L, m.createdAtMillis);
        assertEquals(1, m.cores);
        Map<String, Object> src = m.sources.get("events");
        assertEquals(12L, Manifest.asLong(src.get("seq")));
        assertEquals(4_000L, Manifest.asLong(src.get("watermark")));
        assertEquals("file-0:3", src.get("connectorPosition"));
        assertEquals(640L, Manifest.asLong(src.get("walPosition")));
        assertEquals(Map.of("0", 640L), m.wal);
        assertEquals("00112233445566778899aabb", m.operators.get("q").get("fingerprint"));
        assertEquals(Map.of("out", "epoch-7"), m.sinks);
        assertTrue(m.views.isEmpty());
    }

    @Test void aVersion1CheckpointDirectoryLoadsAndItsStateRestores() throws Exception {
        CheckpointStore store = new CheckpointStore(tmp.resolve("checkpoints"));
        Path dir = store.directoryOf(7);
        Files.createDirectories(dir);
        for (String f : List.of(stateFileName(), CheckpointStore.MANIFEST)) Files.copy(V1.resolve(f), dir.resolve(f));
        Manifest m = store.load(7); // manifest checksum and the state file's CRC
        @SuppressWarnings("unchecked") Map<String, Map<String, Object>> files = (Map<String, Map<String, Object>>) m.operators.get("q").get("files");
        byte[] payload = StateFile.read(dir.resolve((String) files.get("0").get("file")), ((Number) files.get("0").get("crc")).intValue());

        HeapStateStore<Object> restored = new HeapStateStore<>();
        StoreSnapshot.read(new BytesIn(payload), restored, TAGGED, KEY);
        assertHoldsTheFixture(restored);
    }

    /** The entries of {@link #store()}, read back from whatever store a fixture was restored into. */
    private static void assertHoldsTheFixture(StateStore<Object> restored) {
        assertEquals(3, restored.size());
        List<Long> namespaces = new ArrayList<>();
        restored.forEachEntry((ns, k, v) -> namespaces.add(ns));
        assertEquals(List.of(-5L, 0L, 1_000L), namespaces);

        assertEquals(List.of(1L, "two", List.of()), restored.get(-5, key(7L, Double.NaN, "")));
        Object[] all = (Object[]) restored.get(0, key(1L, 1.5, "a"));
        assertNull(all[0]);
        assertEquals(42L, all[1]);
        assertEquals(2.5, all[2]);
        assertEquals("text ü", all[3]);
        assertEquals(new BigDecimal("-12.340"), all[4]);
        assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, (byte[]) all[5]);
        assertEquals(true, all[6]);
        assertEquals(Set.of("only"), all[7]);
        assertArrayEquals(new Object[] {Long.MIN_VALUE}, (Object[]) all[8]);
        assertEquals(Long.MAX_VALUE, restored.get(1_000, key(null, null, "ß")));
    }

    private static final Path V1_ROCKSDB = Path.of("test", "io", "laminar", "checkpoint", "formats", "v1-rocksdb");

    /** Regenerates the RocksDB fixture: the same entries in a RocksDB store snapshotting natively (an SST file). */
    private void writeRocksDbFixture() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("v1-rocksdb"));
        SnapshotFiles files = new SnapshotFiles();
        files.writeInto(dir);
        try (RocksStateBackend backend = new RocksStateBackend(null, 10, files)) {
            StateStore<Object> rocks = backend.create("q", KEY, TAGGED);
            store().forEachEntry(rocks::put);
            BytesOut out = new BytesOut(256);
            StoreSnapshot.write(out, rocks, TAGGED);
            int crc = StateFile.write(dir.resolve(STATE_FILE), out.toByteArray());
            Manifest m = manifest(crc);
            m.external.putAll(CheckpointStore.nativeSnapshotFiles(dir));
            Files.write(dir.resolve(CheckpointStore.MANIFEST), m.toBytes());
        }
        Files.createDirectories(V1_ROCKSDB);
        try (var listing = Files.list(dir)) {
            for (Path f : listing.toList()) Files.copy(f, V1_ROCKSDB.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * A version-1 checkpoint of a RocksDB store (manifest with its "external" SST file, the state file with the
     * native payload, the SST itself) still loads, and restores into a RocksDB store (ingested) and a heap store
     * (decoded). The SST layout is RocksDB's, which RocksDB keeps readable across its versions.
     */
    @Test void aVersion1RocksDbCheckpointRestoresIntoBothBackends() throws Exception {
        if (Boolean.getBoolean("laminar.formats.write")) writeRocksDbFixture();
        CheckpointStore checkpoints = new CheckpointStore(tmp.resolve("checkpoints"));
        Path dir = Files.createDirectories(checkpoints.directoryOf(7));
        try (var listing = Files.list(V1_ROCKSDB)) {
            for (Path f : listing.toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        Manifest m = checkpoints.load(7); // the manifest's checksum, the state file's CRC, the SST's presence and length
        assertEquals(1, m.external.size());
        @SuppressWarnings("unchecked") Map<String, Map<String, Object>> refs = (Map<String, Map<String, Object>>) m.operators.get("q").get("files");
        byte[] payload = StateFile.read(dir.resolve(STATE_FILE), ((Number) refs.get("0").get("crc")).intValue());

        HeapStateStore<Object> heap = new HeapStateStore<>();
        SnapshotFiles.readingFrom(dir, () -> StoreSnapshot.read(new BytesIn(payload), heap, TAGGED, KEY));
        assertHoldsTheFixture(heap);
        try (RocksStateBackend backend = new RocksStateBackend(null, 10)) {
            StateStore<Object> rocks = backend.create("q", KEY, TAGGED);
            SnapshotFiles.readingFrom(dir, () -> StoreSnapshot.read(new BytesIn(payload), rocks, TAGGED, KEY));
            assertHoldsTheFixture(rocks);
            rocks.close();
        }
        assertTrue(Files.exists(dir.resolve(m.external.keySet().iterator().next())), "ingesting links the file; the checkpoint keeps it");
    }
}
