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
     * The operator's input watermark advanced to {@code watermark} (the minimum over its input channels): fire and
     * evict what it closes. {@code Long.MAX_VALUE} is the final watermark of bounded input.
     */
    void onWatermark(long watermark, Batch out);

    /** Periodic processing-time tick for EMIT EVERY; {@link #timerIntervalMillis()} says how often. */
    default void onProcessingTime(long nowMillis, Batch out) {}

    /** Milliseconds between {@link #onProcessingTime} calls, or 0 for none. */
    default long timerIntervalMillis() { return 0; }

    Schema outputSchema();

    /** Keys (groups, windows) currently held: shows in metrics and proves eviction in tests. */
    long stateSize();

    /** Input rows dropped because their window had already closed (late for this operator). */
    default long lateRowsDropped() { return 0; }
}
