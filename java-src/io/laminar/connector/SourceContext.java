package io.laminar.connector;

import io.laminar.data.Batch;
import io.laminar.data.Schema;

/**
 * What the engine gives a running source connector. Single-threaded: used only by the connector's own thread.
 *
 * <p>A connector decodes a record straight into {@link #batch()} — {@code int r = batch.addRow(RowKind.INSERT)},
 * then the setters — and calls {@link #rowAdded()}. The engine then applies the source's watermark rule to that row
 * (in arrival order, row by row), drops it if it is late for every query, and hands full batches to the cores. The
 * batch object may change after {@code rowAdded()}; fetch it again for each row.
 *
 * <p>Rows reach the engine when a batch fills up or at {@link #flush()}: a connector must call {@code flush()}
 * whenever it is about to wait for input (a poll that came back empty, the end of a file, a paced pause), or its last
 * rows sit in the batch.
 */
public interface SourceContext {
    /** The source's name as declared. */
    String sourceName();

    /** The declared columns. */
    Schema schema();

    /** The batch to decode the next row into. */
    Batch batch();

    /** The last row of {@link #batch()} is complete; applies watermark and late-data rules; may flush. */
    void rowAdded();

    /**
     * A record could not be decoded: it goes to the source's dead-letter output with the reason and the original
     * text, is counted, and the run continues.
     */
    void deadLetter(String origin, String reason, String originalText);

    /**
     * Pushes buffered rows into the engine now (at the end of a file or when input goes quiet). When the source's
     * core is idle its work may run right here, on the connector's thread (inline execution).
     */
    void flush();

    /** True once the engine is closing or the source was dropped: the connector should return from its loop. */
    boolean isStopped();
}
