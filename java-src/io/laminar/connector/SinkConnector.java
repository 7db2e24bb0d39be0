package io.laminar.connector;

import io.laminar.data.Batch;

/**
 * A running sink: receives the rows of one stream, in order, on the engine's background delivery thread (Ring 1).
 * Batches carry each row's {@link io.laminar.data.RowKind}; an append-only stream only has inserts.
 */
public interface SinkConnector extends AutoCloseable {
    /** Rows produced by the stream. The batch is only valid during the call. */
    void write(Batch batch) throws Exception;

    /** The stream's watermark advanced (rows older than it will not arrive for windowed results). */
    default void onWatermark(long watermarkMillis) throws Exception {}

    /** Makes everything written so far durable/visible (end of input, shutdown). */
    void flush() throws Exception;

    @Override void close() throws Exception;
}
