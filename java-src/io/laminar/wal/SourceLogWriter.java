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
 * {@code string source name (ValueCodec), long seq} (the source's event number); then
 * {@link WalRecordDescriptor#TYPE_ROWS}: {@code int 1, one typed row} ({@link ValueCodec#writeRow});
 * {@link WalRecordDescriptor#TYPE_WATERMARK}: {@code long watermark}; {@link WalRecordDescriptor#TYPE_FINISH}: nothing.
 * Called by writer threads holding the source's monitor (one encoder buffer per source is enough).
 */
public final class SourceLogWriter implements SourceRuntime.SourceLog {
    private final WriteAheadLog log;
    private final String source;
    private final BytesOut out = new BytesOut(256);

    public SourceLogWriter(WriteAheadLog log, String source) {
        this.log = log;
        this.source = source;
    }

    private void begin(long seq) throws IOException {
        out.reset();
        ValueCodec.writeString(out, source);
        out.writeLong(seq);
    }

    private long append(byte type) {
        byte[] b = out.toByteArray();
        return log.append(type, b, 0, b.length);
    }

    @Override public long appendRow(long seq, Batch batch, int row) {
        try {
            begin(seq);
            out.writeInt(1);
            ValueCodec.writeRow(out, batch, row);
        } catch (IOException e) {
            throw new IllegalStateException("encoding a row of source " + source + " for the WAL", e);
        }
        return append(WalRecordDescriptor.TYPE_ROWS);
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

    /** Decodes source-log records during replay. */
    public interface Replay {
        /** The source's rows: decode each with {@link ValueCodec#readRow} from {@code in}. */
        void rows(String source, long seq, int count, DataInput in) throws IOException;

        void watermark(String source, long seq, long watermark);

        void finish(String source, long seq);
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
            case WalRecordDescriptor.TYPE_WATERMARK -> replay.watermark(source, seq, in.readLong());
            case WalRecordDescriptor.TYPE_FINISH -> replay.finish(source, seq);
            default -> { }
        }
    }
}
