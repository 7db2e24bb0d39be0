package io.laminar.wal;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One write-ahead log: a directory of segment files, each named by the log position of its first byte
 * ({@code 00000000000000000000.wal}), so a position is a plain {@code long} that orders every record ever written.
 * Records follow {@link WalRecordDescriptor}. A segment rolls when the next record would push it past
 * {@code segmentBytes}.
 *
 * <p>Appends come from writer threads (never from Ring 0): {@link #append} hands the record to the OS under this
 * object's monitor and returns the position after it; {@link #awaitDurable} then applies the {@link FsyncPolicy}.
 * fsync runs under a separate lock, so writers keep appending while one of them syncs, and one fsync covers every
 * record appended before it started (group commit).
 *
 * <p>{@link #open} scans every segment: the first record that fails its length, type or CRC check ends the log; the
 * segment is cut there, later segments are removed, and the cut is reported with path and offset.
 */
public final class WriteAheadLog implements AutoCloseable {
    private static final String SUFFIX = ".wal";

    private final Path dir;
    private final long segmentBytes;
    private final FsyncPolicy policy;
    private final List<Long> segmentBases = new ArrayList<>();
    private final Object syncLock = new Object();
    private FileChannel current;
    private long currentBase;
    private volatile long position;
    private volatile long durablePosition;
    private ByteBuffer record = ByteBuffer.allocateDirect(4096); // the record being written; under the monitor
    private boolean closed;

    /** One record during replay. {@code payload} is valid only during the call. */
    public interface RecordHandler {
        void onRecord(long position, byte type, ByteBuffer payload) throws IOException;
    }

    private WriteAheadLog(Path dir, long segmentBytes, FsyncPolicy policy) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.policy = policy;
    }

    /** Opens (creating if needed) the log in {@code dir}, cutting a torn or corrupt tail; problems go to {@code report}. */
    public static WriteAheadLog open(Path dir, long segmentBytes, FsyncPolicy policy, Consumer<String> report) {
        WriteAheadLog log = new WriteAheadLog(dir, segmentBytes, policy);
        try {
            Files.createDirectories(dir);
            log.recover(report);
        } catch (IOException e) {
            throw new LaminarException(ErrorCode.WAL_IO, "cannot open the write-ahead log in " + dir + ": " + e,
                    Map.of("path", dir.toString()), e);
        }
        return log;
    }

    private static String segmentName(long base) {
        return String.format("%020d%s", base, SUFFIX);
    }

    private Path segmentPath(long base) {
        return dir.resolve(segmentName(base));
    }

    private void recover(Consumer<String> report) throws IOException {
        List<Long> bases = new ArrayList<>();
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (!n.endsWith(SUFFIX)) continue;
                try {
                    bases.add(Long.parseLong(n.substring(0, n.length() - SUFFIX.length())));
                } catch (NumberFormatException e) {
                    report.accept("WAL " + p + ": not a segment name; ignored");
                }
            }
        }
        bases.sort(null);
        long end = bases.isEmpty() ? 0 : bases.get(0);
        for (int i = 0; i < bases.size(); i++) {
            long base = bases.get(i);
            Path p = segmentPath(base);
            if (base != end) {
                report.accept("WAL " + p + ": segment starts at " + base + " but the previous one ends at " + end
                        + " (a segment is missing); this and later segments were removed");
                deleteFrom(bases, i);
                break;
            }
            long size = Files.size(p);
            long valid = scan(p, base, null, report);
            segmentBases.add(base);
            end = base + valid;
            if (valid < size) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    ch.truncate(valid);
                    ch.force(true);
                }
                int later = bases.size() - i - 1;
                report.accept("WAL " + p + ": cut " + (size - valid) + " bytes of a torn or corrupt record at offset " + valid
                        + (later > 0 ? "; " + later + " later segment(s) removed" : ""));
                deleteFrom(bases, i + 1);
                break;
            }
        }
        if (segmentBases.isEmpty()) {
            segmentBases.add(end);
            currentBase = end;
        } else {
            currentBase = segmentBases.get(segmentBases.size() - 1);
        }
        current = FileChannel.open(segmentPath(currentBase), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        current.position(end - currentBase);
        position = end;
        durablePosition = end;
    }

    private void deleteFrom(List<Long> bases, int from) throws IOException {
        for (int j = from; j < bases.size(); j++) Files.deleteIfExists(segmentPath(bases.get(j)));
    }

    /**
     * Reads the segment at {@code p}; calls {@code handler} for records at or after {@code from} (null: validate
     * only). Returns the length of the valid prefix.
     */
    private static long scan(Path p, long base, RecordHandler handler, Consumer<String> report) throws IOException {
        return scanFrom(p, base, base, handler, report);
    }

    private static long scanFrom(Path p, long base, long from, RecordHandler handler, Consumer<String> report) throws IOException {
        ByteBuffer buf;
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) throw new IOException("segment " + p + " is larger than 2 GB");
            buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) { }
            buf.flip();
        }
        int off = 0;
        int limit = buf.limit();
        while (off + WalRecordDescriptor.HEADER_LENGTH <= limit) {
            int len = buf.getInt(off + WalRecordDescriptor.LENGTH_OFFSET);
            int crc = buf.getInt(off + WalRecordDescriptor.CRC_OFFSET);
            byte type = buf.get(off + WalRecordDescriptor.TYPE_OFFSET);
            if (len < 0 || len > WalRecordDescriptor.MAX_PAYLOAD || !WalRecordDescriptor.isKnownType(type)
                    || off + WalRecordDescriptor.recordLength(len) > limit) {
                break;
            }
            ByteBuffer payload = buf.slice(off + WalRecordDescriptor.PAYLOAD_OFFSET, len);
            if (WalRecordDescriptor.checksum(type, payload) != crc) break;
            long at = base + off;
            if (handler != null && at >= from) handler.onRecord(at, type, payload);
            off += WalRecordDescriptor.recordLength(len);
        }
        return off;
    }

    /** Appends one record; returns the log position just after it. Thread-safe; not for Ring 0. */
    public long append(byte type, byte[] payload, int offset, int length) {
        if (length > WalRecordDescriptor.MAX_PAYLOAD) {
            throw new LaminarException(ErrorCode.WAL_IO, "a write-ahead log record of " + length + " bytes exceeds the limit of "
                    + WalRecordDescriptor.MAX_PAYLOAD + "; write fewer rows per call");
        }
        int crc = WalRecordDescriptor.checksum(type, payload, offset, length);
        synchronized (this) {
            if (closed) throw new LaminarException(ErrorCode.CLOSED, "the write-ahead log in " + dir + " is closed");
            try {
                long inSegment = position - currentBase;
                if (inSegment > 0 && inSegment + WalRecordDescriptor.recordLength(length) > segmentBytes) roll();
                try {
                    writeRecord(type, crc, payload, offset, length);
                } catch (ClosedChannelException e) {
                    // NIO closes a channel when a thread using it is interrupted (this one, or another): reopen at
                    // the log's end and write the record again, with this thread's interrupt status set aside
                    boolean interrupted = Thread.interrupted();
                    try {
                        reopenIfClosed();
                        writeRecord(type, crc, payload, offset, length);
                    } finally {
                        if (interrupted) Thread.currentThread().interrupt();
                    }
                }
                position += WalRecordDescriptor.recordLength(length);
                return position;
            } catch (IOException e) {
                throw new LaminarException(ErrorCode.WAL_IO, "cannot append to the write-ahead log in " + dir + ": " + e,
                        Map.of("path", dir.toString()), e);
            }
        }
    }

    /** A write failed after writing part of a record: the next one must seek back to {@code position} first. */
    private boolean partialWrite;

    /** Writes one record at the current end (a partial earlier attempt is overwritten). Caller holds the monitor. */
    private void writeRecord(byte type, int crc, byte[] payload, int offset, int length) throws IOException {
        // header and payload in one reused direct buffer: one write call, no wrapper objects per record, and no copy
        // into the JDK's temporary direct buffer that a heap buffer would need
        int total = WalRecordDescriptor.recordLength(length);
        if (record.capacity() < total) record = ByteBuffer.allocateDirect(Math.max(total, record.capacity() * 2));
        record.clear();
        WalRecordDescriptor.writeHeader(record, type, length, crc);
        record.put(payload, offset, length).flip();
        // the channel sits at the end unless a write failed half-way: only then seek back (a syscall per append otherwise)
        if (partialWrite) {
            current.position(position - currentBase);
            partialWrite = false;
        }
        try {
            while (record.hasRemaining()) current.write(record);
        } catch (IOException e) {
            partialWrite = true;
            throw e;
        }
    }

    /** Reopens the current segment if an interrupt closed its channel. Caller holds the monitor. */
    private void reopenIfClosed() throws IOException {
        if (closed || current.isOpen()) return;
        current = FileChannel.open(segmentPath(currentBase), StandardOpenOption.WRITE);
        current.position(position - currentBase);
    }

    /** Closes the current segment (fsynced, so everything before the new one is durable) and starts the next. */
    private void roll() throws IOException {
        current.force(false);
        current.close();
        currentBase = position;
        segmentBases.add(currentBase);
        current = FileChannel.open(segmentPath(currentBase), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        fsyncDirectory();
    }

    private void fsyncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // some file systems cannot open a directory for fsync; the rename/create is still ordered by the journal
        }
    }

    /** Applies the fsync policy to an append that ended at {@code end}: under {@code batch}, waits for fsync. */
    public void awaitDurable(long end) {
        if (policy.kind() == FsyncPolicy.Kind.BATCH) sync(end);
    }

    /** Makes everything up to {@code end} durable (one fsync covers every writer waiting here). */
    public void sync(long end) {
        if (durablePosition >= end) return;
        FileChannel ch;
        long target;
        synchronized (this) {
            if (closed) return;
            ch = current;
            target = position;
        }
        synchronized (syncLock) {
            if (durablePosition >= end) return; // another writer's fsync covered us
            try {
                ch.force(false);
            } catch (ClosedChannelException e) {
                boolean interrupted = Thread.interrupted();
                try {
                    synchronized (this) {
                        if (closed) return;
                        if (ch == current) { // closed by an interrupt, not by roll() (which forces before closing)
                            reopenIfClosed();
                            current.force(false);
                        }
                    }
                } catch (IOException again) {
                    throw new LaminarException(ErrorCode.WAL_IO, "fsync of the write-ahead log in " + dir + " failed: " + again,
                            Map.of("path", dir.toString()), again);
                } finally {
                    if (interrupted) Thread.currentThread().interrupt();
                }
            } catch (IOException e) {
                throw new LaminarException(ErrorCode.WAL_IO, "fsync of the write-ahead log in " + dir + " failed: " + e,
                        Map.of("path", dir.toString()), e);
            }
            if (target > durablePosition) durablePosition = target;
        }
    }

    /** fsyncs everything appended so far. */
    public void syncAll() {
        sync(position);
    }

    /** The position after the last record appended. */
    public long position() { return position; }

    /** The position up to which records are known to be on disk. */
    public long durablePosition() { return durablePosition; }

    public FsyncPolicy policy() { return policy; }

    public Path directory() { return dir; }

    /** Visits every record at or after {@code from} (a record boundary, e.g. one {@link #append} returned). */
    public void replay(long from, RecordHandler handler) {
        List<Long> bases;
        long end;
        synchronized (this) {
            bases = List.copyOf(segmentBases);
            end = position;
        }
        try {
            for (int i = 0; i < bases.size(); i++) {
                long base = bases.get(i);
                long next = i + 1 < bases.size() ? bases.get(i + 1) : end;
                if (next <= from) continue;
                scanFrom(segmentPath(base), base, from, handler, msg -> { });
            }
        } catch (IOException e) {
            throw new LaminarException(ErrorCode.WAL_IO, "cannot read the write-ahead log in " + dir + ": " + e,
                    Map.of("path", dir.toString()), e);
        }
    }

    /** Deletes whole segments that end at or before {@code position} (everything a checkpoint made redundant). */
    public synchronized int truncateBefore(long position) {
        int removed = 0;
        while (segmentBases.size() > 1 && segmentBases.get(1) <= position) {
            try {
                Files.deleteIfExists(segmentPath(segmentBases.get(0)));
            } catch (IOException e) {
                throw new LaminarException(ErrorCode.WAL_IO, "cannot delete WAL segment " + segmentPath(segmentBases.get(0)) + ": " + e,
                        Map.of("path", dir.toString()), e);
            }
            segmentBases.remove(0);
            removed++;
        }
        return removed;
    }

    /** Number of segment files (for tests and metrics). */
    public synchronized int segmentCount() { return segmentBases.size(); }

    /** The position of the first record still on disk. */
    public synchronized long firstPosition() { return segmentBases.get(0); }

    @Override public synchronized void close() {
        if (closed) return;
        try {
            current.force(false);
            current.close();
        } catch (IOException e) {
            throw new LaminarException(ErrorCode.WAL_IO, "cannot close the write-ahead log in " + dir + ": " + e,
                    Map.of("path", dir.toString()), e);
        } finally {
            closed = true;
        }
    }
}
