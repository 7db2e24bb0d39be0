package io.laminar.checkpoint;

import static io.laminar.checkpoint.DurableFixtures.sortedLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.Config;
import io.laminar.Laminar;
import io.laminar.SourceWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RocksDB-backed queries checkpoint natively: their entries go into an SST file of the checkpoint (listed in the
 * manifest under "external"), and recovery ingests that file instead of putting entries one by one. The snapshot
 * still restores into the heap backend, and a missing SST file makes recovery fall back like any missing state file.
 */
class NativeSnapshotTest {
    @TempDir Path tmp;

    private static final String SCRIPT = """
            CREATE SOURCE s (k BIGINT, v BIGINT);
            CREATE STREAM g AS SELECT k, COUNT(*) AS c, SUM(v) AS total FROM s GROUP BY k;
            CREATE SINK out FROM g INTO FILES (path = '%s');
            """;

    private static Laminar open(Path dir, String backend) {
        return Laminar.open(new Config().directory(dir).cores(2).stateBackend(backend).stateCacheEntries(10));
    }

    private static void write(Laminar db, long from, long to) {
        try (SourceWriter w = db.writer("s")) {
            for (long i = from; i < to; i++) w.write(i % 100, i);
        }
        db.awaitIdle();
    }

    /** 1,000 rows, a checkpoint, 500 more, close (a checkpoint); returns the output of one uninterrupted heap run. */
    private List<String> cleanRun() throws Exception {
        Path out = tmp.resolve("clean.jsonl");
        try (Laminar db = open(tmp.resolve("clean"), "heap")) {
            db.executeAll(SCRIPT.formatted(out));
            write(db, 0, 2_000);
        }
        return sortedLines(out);
    }

    private Path checkpointed(Path dir, Path out) {
        try (Laminar db = open(dir, "rocksdb")) {
            db.executeAll(SCRIPT.formatted(out));
            write(db, 0, 1_000);
            long id = db.checkpoint();
            Manifest m = new CheckpointStore(dir.resolve("checkpoints")).load(id);
            assertFalse(m.external.isEmpty(), "a RocksDB store snapshots into an SST file");
            for (String f : m.external.keySet()) assertTrue(Files.exists(dir.resolve("checkpoints").resolve(String.format("%020d", id)).resolve(f)));
            write(db, 1_000, 1_500);
        }
        return dir;
    }

    /** Checkpoints with RocksDB, reopens with {@code backend}, finishes the input: the clean run's output. */
    private void recoversInto(String backend) throws Exception {
        List<String> expected = cleanRun();
        Path out = tmp.resolve("out.jsonl");
        Path dir = checkpointed(tmp.resolve("db"), out);
        try (Laminar db = open(dir, backend)) {
            assertTrue(db.recoveryReport().isEmpty(), db.recoveryReport().toString());
            assertEquals(100, db.database().pipelineOf("g").stateSize());
            write(db, 1_500, 2_000);
        }
        assertEquals(expected, sortedLines(out));
    }

    @Test void aRocksDbQueryRecoversFromItsSstFilesWithTheSameOutput() throws Exception {
        recoversInto("rocksdb");
    }

    @Test void aNativeSnapshotRestoresIntoTheHeapBackend() throws Exception {
        recoversInto("heap");
    }

    @Test void aMissingSstFileFallsBackToTheCheckpointBefore() throws Exception {
        Path dir = checkpointed(tmp.resolve("db"), tmp.resolve("out.jsonl"));
        CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"));
        long newest = store.ids().get(0);
        Path sst = store.directoryOf(newest).resolve(store.readManifest(newest).external.keySet().iterator().next());
        Files.delete(sst);
        try (Laminar db = open(dir, "rocksdb")) {
            String report = String.join("\n", db.recoveryReport());
            assertTrue(report.contains("checkpoint " + newest + " is unusable") && report.contains(sst.toString()), report);
        }
    }

    /**
     * RESTORE into a live RocksDB store: the ingested SST replaces what the store held (range-deleted first), then
     * the WAL replays the writes after the checkpoint — each counted once, not on top of the old entries.
     */
    @Test void restoreFromCheckpointReplacesALiveRocksDbStore() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        try (Laminar db = open(tmp.resolve("db"), "rocksdb")) {
            db.executeAll(SCRIPT.formatted(out));
            write(db, 0, 1_000);
            long id = db.checkpoint();
            try (SourceWriter w = db.writer("s")) {
                for (long i = 0; i < 500; i++) w.write(1_000 + i, i); // 500 new groups, in the WAL after the checkpoint
            }
            db.awaitIdle();
            db.execute("RESTORE FROM CHECKPOINT " + id);
            assertEquals(600, db.database().pipelineOf("g").stateSize());
            try (SourceWriter w = db.writer("s")) {
                w.write(1_000L, 0L);
                w.write(7L, 0L);
            }
            db.awaitIdle();
        }
        List<String> lines = sortedLines(out);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"k\":1000,\"c\":2,")), "group 1000: its replayed row and one more");
        assertTrue(lines.stream().noneMatch(l -> l.contains("\"k\":1000,\"c\":3,")), "group 1000 counted twice");
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"k\":7,\"c\":11,")), "group 7: ten rows before the checkpoint, one after");
    }
}
