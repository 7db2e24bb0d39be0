package io.laminar.checkpoint;

import static io.laminar.checkpoint.DurableFixtures.sortedLines;
import static io.laminar.checkpoint.DurableFixtures.writeEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.Laminar;
import io.laminar.SourceWriter;
import io.laminar.wal.FsyncPolicy;
import io.laminar.wal.SourceLogWriter;
import io.laminar.wal.WriteAheadLog;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged directories: each problem is detected, reported with its path, and recovered from as far as the data
 * allows — never silently accepted, never turned into duplicates.
 */
class CorruptionTest {
    @TempDir Path tmp;

    /** A child writes 200 events (checkpoint after 100) and halts: the last 100 live only in the WAL. */
    private Path crashedAfterWriting() throws Exception {
        Path dir = tmp.resolve("db");
        CrashRecoveryTest.runToCompletion(tmp.resolve("halt.log"), "halt", dir.toString(), tmp.resolve("out").toString(), "200");
        return dir;
    }

    private static Path segment(Path dir) throws Exception {
        try (var s = Files.list(dir.resolve("wal/core-0"))) {
            return s.sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    private List<Long> rawNumbers() throws Exception {
        List<Long> ns = new ArrayList<>();
        for (String l : sortedLines(tmp.resolve("out/raw.jsonl"))) {
            ns.add(Long.parseLong(l.substring(l.indexOf("\"n\":") + 4, l.indexOf(','))));
        }
        ns.sort(null);
        return ns;
    }

    private static List<Long> range(long from, long to) {
        List<Long> l = new ArrayList<>();
        for (long i = from; i < to; i++) l.add(i);
        return l;
    }

    @Test void aHaltedProcessLosesNoAcknowledgedWrite() throws Exception {
        Path dir = crashedAfterWriting();
        try (Laminar db = DurableFixtures.open(dir, 1)) {
            assertTrue(db.recoveryReport().isEmpty(), db.recoveryReport().toString());
        }
        assertEquals(range(0, 200), rawNumbers());
    }

    @Test void aTruncatedWalSegmentIsCutAndReported() throws Exception {
        Path dir = crashedAfterWriting();
        Path seg = segment(dir);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(f.length() - 5); // the last record torn
        }
        try (Laminar db = DurableFixtures.open(dir, 1)) {
            assertEquals(1, db.recoveryReport().size(), db.recoveryReport().toString());
            assertTrue(db.recoveryReport().get(0).contains(seg.toString()), db.recoveryReport().get(0));
        }
        assertEquals(range(0, 199), rawNumbers(), "everything before the torn record, once");
    }

    @Test void aFlippedByteEndsTheLogAtThatRecord() throws Exception {
        Path dir = crashedAfterWriting();
        Path seg = segment(dir);
        long[] at = {-1};
        try (WriteAheadLog wal = WriteAheadLog.open(seg.getParent(), 64 << 20, FsyncPolicy.NONE, m -> { })) {
            wal.replay(wal.firstPosition(), (pos, type, payload) -> SourceLogWriter.decode(type, payload, new SourceLogWriter.Replay() {
                @Override public void rows(String source, long seq, int count, java.io.DataInput in) {
                    if (seq == 150) at[0] = pos; // the record of event n = 149
                }

                @Override public void watermark(String source, long seq, long watermark) { }

                @Override public void finish(String source, long seq) { }
            }));
        }
        long base = Long.parseLong(seg.getFileName().toString().replace(".wal", ""));
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            long off = at[0] - base + io.laminar.wal.WalRecordDescriptor.PAYLOAD_OFFSET + 12;
            f.seek(off);
            int b = f.read();
            f.seek(off);
            f.write(b ^ 0x01);
        }
        try (Laminar db = DurableFixtures.open(dir, 1)) {
            String report = String.join("\n", db.recoveryReport());
            assertTrue(report.contains(seg.toString()) && report.contains("offset " + (at[0] - base)), report);
        }
        assertEquals(range(0, 149), rawNumbers(), "the log ends before the damaged record");
    }

    /** 300 events, checkpoints after 100 and 200, close takes checkpoint 3; then {@code damage} breaks checkpoint 3. */
    private void fallsBackPastADamagedCheckpoint(java.util.function.Consumer<Path> damage, String expectedInReport) throws Exception {
        Path dir = tmp.resolve("db");
        try (Laminar db = DurableFixtures.open(dir, 2)) {
            db.execute(DurableFixtures.memoryScript(tmp.resolve("out")));
            SourceWriter w = db.writer("events");
            for (int i = 0; i < 3; i++) {
                writeEvents(w, i * 100L, i * 100L + 100);
                db.awaitIdle();
                if (i < 2) db.checkpoint();
            }
        }
        List<String> keysBefore = sortedLines(tmp.resolve("out/keys.jsonl"));
        Path third = dir.resolve("checkpoints").resolve(String.format("%020d", 3));
        damage.accept(third);
        try (Laminar db = DurableFixtures.open(dir, 2)) {
            String report = String.join("\n", db.recoveryReport());
            assertTrue(report.contains("checkpoint 3 is unusable") && report.contains(expectedInReport), report);
            assertEquals("valid", db.execute("SHOW CHECKPOINTS").rows().get(1)[2]);
        }
        assertEquals(range(0, 300), rawNumbers(), "rolled back to checkpoint 2, the WAL replayed the rest, nothing twice");
        assertEquals(keysBefore, sortedLines(tmp.resolve("out/keys.jsonl")));
    }

    @Test void aHalfWrittenManifestIsSkipped() throws Exception {
        fallsBackPastADamagedCheckpoint(cp -> {
            try (RandomAccessFile f = new RandomAccessFile(cp.resolve("MANIFEST").toFile(), "rw")) {
                f.setLength(f.length() / 2);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, "MANIFEST");
    }

    @Test void aMissingStateFileIsReportedWithItsPath() throws Exception {
        Path[] deleted = new Path[1];
        fallsBackPastADamagedCheckpoint(cp -> {
            try (var s = Files.list(cp)) {
                deleted[0] = s.filter(p -> p.toString().endsWith(".state")).sorted().findFirst().orElseThrow();
                Files.delete(deleted[0]);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, "is missing");
    }

    /** State files are verified while being read for the restore (one read): a bad CRC still falls back. */
    @Test void aFlippedByteInAStateFileFallsBackBeforeAnyStateChanges() throws Exception {
        fallsBackPastADamagedCheckpoint(cp -> {
            try (var s = Files.list(cp)) {
                Path file = s.filter(p -> p.toString().endsWith(".state")).sorted().findFirst().orElseThrow();
                try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                    f.seek(20); // inside the payload: the header and length still look right
                    int b = f.read();
                    f.seek(20);
                    f.write(b ^ 0x40);
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, "fails its checksum");
    }
}
