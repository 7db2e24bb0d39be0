package io.laminar.wal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The layout of one write-ahead log record. Records follow each other with no gaps in a segment file.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  payload length (int, BE)                     |  LENGTH_OFFSET
 *  +---------------------------------------------------------------+
 *  |            CRC32C of type byte + payload (int, BE)            |  CRC_OFFSET
 *  +---------------+-----------------------------------------------+
 *  |     type      |  payload ...                                  |  TYPE_OFFSET, PAYLOAD_OFFSET
 *  +---------------+                                               |
 *  ...                                                             ...
 * </pre>
 *
 * A record is valid when its header fits in the file, {@code 0 <= length <= MAX_PAYLOAD}, the payload fits, the type
 * is known and the CRC matches. The first invalid record ends the log: a crash mid-append leaves a torn tail, which
 * is cut on open and reported — never silently accepted.
 */
public final class WalRecordDescriptor {
    public static final int LENGTH_OFFSET = 0;
    public static final int CRC_OFFSET = 4;
    public static final int TYPE_OFFSET = 8;
    public static final int PAYLOAD_OFFSET = 9;
    public static final int HEADER_LENGTH = PAYLOAD_OFFSET;
    /** Larger payloads are refused on append and treated as corruption on read. */
    public static final int MAX_PAYLOAD = 64 << 20;

    /** Rows written to a MEMORY source: {@code string source, long seq, int n, n typed rows}. */
    public static final byte TYPE_ROWS = 1;
    /** A writer advanced a source's watermark: {@code string source, long seq, long watermark}. */
    public static final byte TYPE_WATERMARK = 2;
    /** A writer finished a source: {@code string source, long seq}. */
    public static final byte TYPE_FINISH = 3;
    /** A catalog statement (catalog log): {@code byte kind, utf statement text}. */
    public static final byte TYPE_STATEMENT = 4;
    /**
     * Rows an INSERT statement wrote to a MEMORY source: {@code string source, long seq, long statement id, int n,
     * n typed rows}. They count only once the catalog log holds the statement with that id (see
     * {@code CatalogLog}): rows of a statement the process died before logging are not replayed, so the statement
     * runs again, once.
     */
    public static final byte TYPE_STATEMENT_ROWS = 5;

    private WalRecordDescriptor() {}

    public static boolean isKnownType(byte type) {
        return type >= TYPE_ROWS && type <= TYPE_STATEMENT_ROWS;
    }

    public static int recordLength(int payloadLength) {
        return HEADER_LENGTH + payloadLength;
    }

    /** CRC32C over the type byte and the payload. */
    /** One checksum object per appending thread: appends run on writer threads and should not allocate. */
    private static final ThreadLocal<CRC32C> CRC = ThreadLocal.withInitial(CRC32C::new);

    public static int checksum(byte type, byte[] payload, int offset, int length) {
        CRC32C crc = CRC.get();
        crc.reset();
        crc.update(type);
        crc.update(payload, offset, length);
        return (int) crc.getValue();
    }

    public static int checksum(byte type, ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(type);
        crc.update(payload.duplicate());
        return (int) crc.getValue();
    }

    /** Writes a header at {@code buffer}'s position. */
    public static void writeHeader(ByteBuffer buffer, byte type, int payloadLength, int crc) {
        buffer.putInt(payloadLength);
        buffer.putInt(crc);
        buffer.put(type);
    }
}
