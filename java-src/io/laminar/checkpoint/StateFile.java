package io.laminar.checkpoint;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * One snapshot file of a checkpoint (a pipeline instance's state, a materialized view's rows).
 *
 * <pre>
 *   0      4        8               16                  16+n
 *   +------+--------+---------------+-------------------+-----------+
 *   | LMST | version| payload length| payload (n bytes) | CRC32C(payload) |
 *   +------+--------+---------------+-------------------+-----------+
 * </pre>
 * The payload is the producer's own layout (for pipelines: channel watermarks, then the operator's snapshot, whose
 * store part is {@link io.laminar.state.StoreSnapshot}). Written fsynced; a short, oversized or mismatching file is
 * reported with its path.
 */
public final class StateFile {
    static final int MAGIC = 0x4c4d5354; // "LMST"
    static final int VERSION = 1;
    static final int HEADER_LENGTH = 16;

    private StateFile() {}

    public static int crc(byte[] payload) {
        CRC32C c = new CRC32C();
        c.update(payload);
        return (int) c.getValue();
    }

    /** Writes and fsyncs {@code payload}; returns its CRC. */
    public static int write(Path file, byte[] payload) {
        int crc = crc(payload);
        ByteBuffer head = ByteBuffer.allocate(HEADER_LENGTH).putInt(MAGIC).putInt(VERSION).putLong(payload.length).flip();
        ByteBuffer tail = ByteBuffer.allocate(4).putInt(crc).flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer[] all = {head, ByteBuffer.wrap(payload), tail};
            while (tail.hasRemaining()) ch.write(all);
            ch.force(true);
        } catch (IOException e) {
            throw new LaminarException(ErrorCode.STATE_IO, "cannot write checkpoint state file " + file + ": " + e,
                    Map.of("path", file.toString()), e);
        }
        return crc;
    }

    /**
     * Reads and verifies a state file in one pass: the header, then the payload straight into its own array (no
     * second copy), then the CRC over that array. Throws CHECKPOINT_NOT_FOUND naming the path and the problem.
     */
    public static byte[] read(Path file, int expectedCrc) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long n = checkHeader(file, ch);
            byte[] payload = new byte[(int) n];
            readFully(ch, ByteBuffer.wrap(payload), file);
            ByteBuffer tail = ByteBuffer.allocate(4);
            readFully(ch, tail, file);
            int crc = tail.flip().getInt();
            if (crc != crc(payload) || crc != expectedCrc) throw bad(file, "fails its checksum (corrupt)");
            return payload;
        } catch (java.nio.file.NoSuchFileException e) {
            throw bad(file, "is missing");
        } catch (IOException e) {
            throw bad(file, "cannot be read: " + e);
        }
    }

    /**
     * The cheap part of {@link #read}: the file exists, has the header of this format and exactly the length the
     * header announces. Choosing a checkpoint to recover from checks this much; the CRC is verified while restoring
     * (the payload is read once), and a mismatch then falls back to an older checkpoint.
     */
    public static void check(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            checkHeader(file, ch);
        } catch (java.nio.file.NoSuchFileException e) {
            throw bad(file, "is missing");
        } catch (IOException e) {
            throw bad(file, "cannot be read: " + e);
        }
    }

    /** Reads and checks the header; returns the payload length, which the file's size must match. */
    private static long checkHeader(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < HEADER_LENGTH + 4) throw bad(file, "is truncated (" + size + " bytes)");
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH);
        readFully(ch, b, file);
        b.flip();
        if (b.getInt() != MAGIC) throw bad(file, "is not a Laminar state file");
        int version = b.getInt();
        if (version != VERSION) throw bad(file, "has format version " + version + "; this build reads " + VERSION);
        long n = b.getLong();
        if (n != size - HEADER_LENGTH - 4 || n > Integer.MAX_VALUE - 8) {
            throw bad(file, "is truncated or padded (header says " + n + " bytes, file holds " + (size - HEADER_LENGTH - 4) + ")");
        }
        return n;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, Path file) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) throw bad(file, "ends early (changed while being read?)");
        }
    }

    private static LaminarException bad(Path file, String why) {
        return new CheckpointException(ErrorCode.CHECKPOINT_NOT_FOUND, "checkpoint state file " + file + " " + why,
                Map.of("path", file.toString()));
    }
}
