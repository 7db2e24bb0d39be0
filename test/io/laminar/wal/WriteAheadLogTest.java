package io.laminar.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segments, roll, replay from a position, torn and corrupt tails, truncation, group commit. */
class WriteAheadLogTest {
    @TempDir Path dir;
    private final List<String> report = new ArrayList<>();

    private WriteAheadLog open(long segmentBytes) {
        return WriteAheadLog.open(dir, segmentBytes, FsyncPolicy.BATCH, report::add);
    }

    private static byte[] text(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static long append(WriteAheadLog log, String s) {
        byte[] b = text(s);
        return log.append(WalRecordDescriptor.TYPE_ROWS, b, 0, b.length);
    }

    private List<String> all(WriteAheadLog log, long from) {
        List<String> out = new ArrayList<>();
        log.replay(from, (pos, type, payload) -> {
            byte[] b = new byte[payload.remaining()];
            payload.get(b);
            out.add(new String(b, StandardCharsets.UTF_8));
        });
        return out;
    }

    private Path lastSegment() throws Exception {
        try (var s = Files.list(dir)) {
            return s.sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    @Test void recordsSurviveReopenAndReplayFromAPosition() {
        long mid;
        try (WriteAheadLog log = open(1 << 20)) {
            append(log, "a");
            mid = append(log, "b");
            append(log, "c");
        }
        try (WriteAheadLog log = open(1 << 20)) {
            assertEquals(List.of("a", "b", "c"), all(log, 0));
            assertEquals(List.of("c"), all(log, mid));
            assertTrue(report.isEmpty(), report.toString());
            assertEquals(3L * (WalRecordDescriptor.HEADER_LENGTH + 1), log.position());
        }
    }

    @Test void segmentsRollAtTheConfiguredSizeAndTruncationDeletesWholeSegments() {
        try (WriteAheadLog log = open(4096)) {
            long cut = 0;
            for (int i = 0; i < 100; i++) {
                long p = append(log, "record-" + i + "-" + "x".repeat(200));
                if (i == 60) cut = p;
            }
            int before = log.segmentCount();
            assertTrue(before > 5, "rolled into " + before + " segments");
            int removed = log.truncateBefore(cut);
            assertTrue(removed > 0 && log.segmentCount() == before - removed);
            List<String> left = all(log, cut);
            assertEquals(39, left.size());
            assertTrue(left.get(0).startsWith("record-61-"));
        }
    }

    @Test void aTornTailIsCutAndReported() throws Exception {
        try (WriteAheadLog log = open(1 << 20)) {
            append(log, "kept");
            append(log, "torn-away");
        }
        Path seg = lastSegment();
        long size = Files.size(seg);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(size - 3); // a crash in the middle of writing the last record
        }
        try (WriteAheadLog log = open(1 << 20)) {
            assertEquals(List.of("kept"), all(log, 0));
            assertEquals(1, report.size());
            assertTrue(report.get(0).contains(seg.toString()) && report.get(0).contains("offset 13"), report.get(0));
            append(log, "after"); // appends continue right after the cut
        }
        try (WriteAheadLog log = open(1 << 20)) {
            assertEquals(List.of("kept", "after"), all(log, 0));
        }
    }

    @Test void aFlippedByteFailsTheChecksumAndEndsTheLogThere() throws Exception {
        try (WriteAheadLog log = open(1 << 20)) {
            append(log, "one");
            append(log, "two");
            append(log, "three");
        }
        Path seg = lastSegment();
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            long at = 2L * WalRecordDescriptor.HEADER_LENGTH + 3 + 1; // inside "two"'s payload
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x40);
        }
        try (WriteAheadLog log = open(1 << 20)) {
            assertEquals(List.of("one"), all(log, 0));
            assertTrue(report.get(0).contains("torn or corrupt"), report.toString());
        }
    }

    @Test void aCorruptSegmentDropsTheSegmentsAfterIt() throws Exception {
        try (WriteAheadLog log = open(4096)) {
            for (int i = 0; i < 60; i++) append(log, "r" + i + "x".repeat(300));
        }
        Path first;
        try (var s = Files.list(dir)) {
            first = s.sorted().findFirst().orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(first.toFile(), "rw")) {
            f.seek(WalRecordDescriptor.PAYLOAD_OFFSET);
            f.write('#');
        }
        try (WriteAheadLog log = open(4096)) {
            assertEquals(List.of(), all(log, 0));
            assertEquals(1, log.segmentCount());
            assertTrue(report.get(0).contains("later segment(s) removed"), report.toString());
        }
    }

    @Test void concurrentWritersShareFsyncs() throws Exception {
        try (WriteAheadLog log = open(1 << 20)) {
            Thread[] ts = new Thread[4];
            for (int t = 0; t < ts.length; t++) {
                int id = t;
                ts[t] = new Thread(() -> {
                    for (int i = 0; i < 200; i++) log.awaitDurable(append(log, id + ":" + i));
                });
                ts[t].start();
            }
            for (Thread t : ts) t.join();
            assertEquals(log.position(), log.durablePosition());
            assertEquals(800, all(log, 0).size());
        }
    }

    /**
     * Format stability: the bytes of one record, as version 1 writes them. A change here breaks every WAL on disk —
     * it needs a new record type or a migration, not a new golden value.
     */
    @Test void theRecordLayoutIsStable() throws Exception {
        try (WriteAheadLog log = open(1 << 20)) {
            append(log, "laminar");
        }
        byte[] bytes = Files.readAllBytes(dir.resolve("00000000000000000000.wal"));
        // length 7 | CRC32C(type + payload) | type 1 (rows) | "laminar"
        assertEquals("00000007" + "a7e1f845" + "01" + "6c616d696e6172", java.util.HexFormat.of().formatHex(bytes));
        java.nio.file.Path golden = dir.resolve("golden");
        Files.createDirectories(golden);
        Files.write(golden.resolve("00000000000000000000.wal"), java.util.HexFormat.of().parseHex("00000007a7e1f845016c616d696e6172"));
        try (WriteAheadLog log = WriteAheadLog.open(golden, 1 << 20, FsyncPolicy.NONE, report::add)) {
            assertEquals(List.of("laminar"), all(log, 0));
        }
    }

    /** NIO closes a channel under an interrupted thread; the log reopens it, and nothing acknowledged is lost. */
    @Test void anInterruptedWriterDoesNotBreakTheLog() throws Exception {
        try (WriteAheadLog log = open(1 << 20)) {
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 300; i++) {
                    if (i % 7 == 0) Thread.currentThread().interrupt();
                    log.awaitDurable(append(log, "w" + i));
                }
            });
            writer.start();
            writer.join();
            log.awaitDurable(append(log, "after"));
            assertEquals(log.position(), log.durablePosition());
            List<String> all = all(log, 0);
            assertEquals(301, all.size());
            assertEquals("w299", all.get(299));
        }
        try (WriteAheadLog log = open(1 << 20)) {
            assertEquals(301, all(log, 0).size());
            assertTrue(report.isEmpty(), report.toString());
        }
    }

    @Test void fsyncPoliciesParse() {
        assertEquals(FsyncPolicy.BATCH, FsyncPolicy.parse("batch"));
        assertEquals(FsyncPolicy.NONE, FsyncPolicy.parse("NONE"));
        assertEquals(FsyncPolicy.interval(50), FsyncPolicy.parse("interval(50)"));
        assertEquals(FsyncPolicy.interval(2000), FsyncPolicy.parse("2s"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.laminar.LaminarException.class, () -> FsyncPolicy.parse("sometimes"));
        assertTrue(e.getMessage().contains("none, batch, or interval"), e.getMessage());
    }
}
