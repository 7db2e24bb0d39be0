package io.laminar.wal;

import io.laminar.data.Batch;
import io.laminar.exec.SourceRuntime;
import io.laminar.state.ValueCodec;
import io.laminar.state.BytesIn;
import io.laminar.state.BytesOut;
import java.io.DataInput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Logs one MEMORY source's in-process writes into its home core's {@link WriteAheadLog}. Every payload starts with
 * {@code string source key (ValueCodec), long seq} (the source's event number); then
 * {@link WalRecordDescriptor#TYPE_ROWS}: {@code int 1, one typed row} ({@link ValueCodec#writeRow});
 * {@link WalRecordDescriptor#TYPE_STATEMENT_ROWS} (rows of an INSERT statement): {@code long statement id, int 1,
 * one typed row};
 * {@link WalRecordDescriptor#TYPE_WATERMARK}: {@code long watermark}; {@link WalRecordDescriptor#TYPE_FINISH}: nothing.
 * Called by writer threads holding the source's monitor (one encoder buffer per source is enough).
 *
 * <p>The source key is the source's name, followed by a NUL character and its incarnation (the catalog-log index
 * of the CREATE SOURCE) when it has one: a source dropped and created again under the same name shares the name,
 * not the key, so the old one's records never replay into the new one. Keys without a NUL (older logs) match the
 * source of that name.
 */
public final class SourceLogWriter implements SourceRuntime.SourceLog {
    private final WriteAheadLog log;
    private final String source;
    /** The source's name as every record starts with it (encoded once: it never changes). */
    private final byte[] sourceKey;
    private final BytesOut out = new BytesOut(256);
    private long statementId;

    /** @param source the source key ({@link #sourceKey}) */
    public SourceLogWriter(WriteAheadLog log, String source) {
        this.log = log;
        this.source = source;
        BytesOut key = new BytesOut(16);
        try {
            ValueCodec.writeString(key, source);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.sourceKey = key.toByteArray();
    }

    /** The key this writer's records carry. */
    public String sourceKey() { return source; }

    /** The key records of source {@code name} created by catalog-log entry {@code incarnation} carry (-1: none). */
    public static String sourceKey(String name, long incarnation) {
        return incarnation < 0 ? name : name + '\0' + incarnation;
    }

    /** The source name in a record's key. */
    public static String nameOf(String sourceKey) {
        int nul = sourceKey.indexOf('\0');
        return nul < 0 ? sourceKey : sourceKey.substring(0, nul);
    }

    /**
     * Rows appended from now on belong to the INSERT statement {@code id} (0: to no statement). Set and cleared by
     * the statement's thread while it holds the source's monitor, so no other writer's rows get the tag.
     */
    public void tagStatement(long id) { this.statementId = id; }

    private void begin(long seq) throws IOException {
        out.reset();
        out.write(sourceKey, 0, sourceKey.length);
        out.writeLong(seq);
    }

    private long append(byte type) {
        return log.append(type, out.array(), 0, out.size()); // the log copies the bytes before append returns
    }

    @Override public long appendRow(long seq, Batch batch, int row) {
        long statement = statementId;
        try {
            begin(seq);
            if (statement != 0) out.writeLong(statement);
            out.writeInt(1);
            ValueCodec.writeRow(out, batch, row);
        } catch (IOException e) {
            throw new IllegalStateException("encoding a row of source " + nameOf(source) + " for the WAL", e);
        }
        return append(statement != 0 ? WalRecordDescriptor.TYPE_STATEMENT_ROWS : WalRecordDescriptor.TYPE_ROWS);
    }

    @Override public long appendWatermark(long seq, long watermark) {
        try {
            begin(seq);
            out.writeLong(watermark);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return append(WalRecordDescriptor.TYPE_WATERMARK);
    }

    @Override public long appendFinish(long seq) {
        try {
            begin(seq);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return append(WalRecordDescriptor.TYPE_FINISH);
    }

    @Override public void awaitDurable(long position) { log.awaitDurable(position); }

    @Override public long position() { return log.position(); }

    /** Decodes source-log records during replay; {@code source} is the record's source key. */
    public interface Replay {
        /** The source's rows: decode each with {@link ValueCodec#readRow} from {@code in}. */
        void rows(String source, long seq, int count, DataInput in) throws IOException;

        void watermark(String source, long seq, long watermark);

        void finish(String source, long seq);

        /** Whether the INSERT statement {@code id} made it into the catalog log (its rows count only then). */
        default boolean statementLogged(long id) { return true; }
    }

    /** Dispatches one WAL record (other record types are ignored). */
    public static void decode(byte type, ByteBuffer payload, Replay replay) throws IOException {
        byte[] b = new byte[payload.remaining()];
        payload.get(b);
        BytesIn in = new BytesIn(b);
        String source = ValueCodec.readString(in);
        long seq = in.readLong();
        switch (type) {
            case WalRecordDescriptor.TYPE_ROWS -> replay.rows(source, seq, in.readInt(), in);
            case WalRecordDescriptor.TYPE_STATEMENT_ROWS -> {
                if (replay.statementLogged(in.readLong())) replay.rows(source, seq, in.readInt(), in);
            }
            case WalRecordDescriptor.TYPE_WATERMARK -> replay.watermark(source, seq, in.readLong());
            case WalRecordDescriptor.TYPE_FINISH -> replay.finish(source, seq);
            default -> { }
        }
    }
}
