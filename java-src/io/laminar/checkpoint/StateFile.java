package io.laminar.checkpoint;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
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

    /** Reads and verifies a state file; throws CHECKPOINT_NOT_FOUND naming the path and the problem. */
    public static byte[] read(Path file, int expectedCrc) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw bad(file, "is missing");
        } catch (IOException e) {
            throw bad(file, "cannot be read: " + e);
        }
        if (all.length < HEADER_LENGTH + 4) throw bad(file, "is truncated (" + all.length + " bytes)");
        ByteBuffer b = ByteBuffer.wrap(all);
        if (b.getInt() != MAGIC) throw bad(file, "is not a Laminar state file");
        int version = b.getInt();
        if (version != VERSION) throw bad(file, "has format version " + version + "; this build reads " + VERSION);
        long n = b.getLong();
        if (n != all.length - HEADER_LENGTH - 4) throw bad(file, "is truncated or padded (header says " + n + " bytes)");
        byte[] payload = java.util.Arrays.copyOfRange(all, HEADER_LENGTH, HEADER_LENGTH + (int) n);
        int crc = ByteBuffer.wrap(all, all.length - 4, 4).getInt();
        if (crc != crc(payload) || crc != expectedCrc) throw bad(file, "fails its checksum (corrupt)");
        return payload;
    }

    private static LaminarException bad(Path file, String why) {
        return new CheckpointException(ErrorCode.CHECKPOINT_NOT_FOUND, "checkpoint state file " + file + " " + why,
                Map.of("path", file.toString()));
    }
}
