package io.laminar.operator;

import io.laminar.data.Batch;
import io.laminar.data.Schema;

/**
 * A stateful operator instance, owned by one core thread (never shared, never locked). It appends the rows it
 * produces to the {@code out} batch it is given; the caller passes them on when the call returns. Input rows
 * arrive already filtered/projected by the compiled stateless prefix and routed to the core owning their key.
 */
public interface StreamOperator {
    /** Folds a batch of input rows into state; may emit rows (EMIT CHANGES). */
    void process(Batch in, Batch out);

    /**
     * A batch of input {@code side} (0 for single-input operators; 0 left / 1 right for a join). Single-input
     * operators need not override this.
     */
    default void process(int side, Batch in, Batch out) { process(in, out); }

    /**
     * The operator's input watermark advanced to {@code watermark} (the minimum over its input channels): fire and
     * evict what it closes. {@code Long.MAX_VALUE} is the final watermark of bounded input.
     */
    void onWatermark(long watermark, Batch out);

    /**
     * The watermark to pass downstream once the input watermark reached {@code inputWatermark}: the same for most
     * operators; less for one that may still emit rows older than its input watermark (an interval join holds it back
     * by its bound), so those rows are not late downstream. Must be monotonic; {@code Long.MAX_VALUE} stays final.
     */
    default long outputWatermark(long inputWatermark) { return inputWatermark; }

    /** Periodic processing-time tick for EMIT EVERY; {@link #timerIntervalMillis()} says how often. */
    default void onProcessingTime(long nowMillis, Batch out) {}

    /** Milliseconds between {@link #onProcessingTime} calls, or 0 for none. */
    default long timerIntervalMillis() { return 0; }

    Schema outputSchema();

    /** Keys (groups, windows) currently held: shows in metrics and proves eviction in tests. */
    long stateSize();

    /** Input rows dropped because their window had already closed (late for this operator). */
    default long lateRowsDropped() { return 0; }

    /**
     * Writes the whole state (called on the owning core at an aligned checkpoint barrier, so it sees exactly the
     * rows before the barrier). Every stateful operator must implement this and {@link #restore}: an operator
     * that cannot be checkpointed would silently lose or duplicate results on recovery.
     */
    default void snapshot(java.io.DataOutput out) throws java.io.IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be checkpointed yet");
    }

    /** Replaces the state with one written by {@link #snapshot} (before any input arrives, or on RESTORE). */
    default void restore(java.io.DataInput in) throws java.io.IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be restored from a checkpoint yet");
    }

    /** The query was dropped: release native resources (a RocksDB column family). Called on the owning core. */
    default void close() {}
}
