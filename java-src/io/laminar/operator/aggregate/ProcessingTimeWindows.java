package io.laminar.operator.aggregate;

import io.laminar.data.Batch;
import io.laminar.data.Schema;
import io.laminar.operator.StreamOperator;
import java.util.function.LongSupplier;

/**
 * Turns an event-time window operator into a processing-time one ({@code TUMBLE(..., DESCRIPTOR(pt), ...)} where
 * {@code pt AS PROCTIME()}): each row is stamped with the operator's clock as it arrives — like Flink, processing
 * time is the time at the window operator, so no row is ever late — and the clock, advanced on every
 * processing-time tick, drives the wrapped operator as its watermark. Event-time watermarks are ignored, except
 * the final one of bounded input, which fires every open window. Results depend on when rows arrive and are not
 * reproducible; that is the nature of processing time.
 *
 * <p>The stamped column belongs to the batch this query's own Calc produced (it computed {@code PROCTIME()}), so
 * overwriting it in place touches no other query's rows.
 */
public final class ProcessingTimeWindows implements StreamOperator {
    private final StreamOperator windows;
    private final int timeColumn;
    private final long tickMillis;
    private final LongSupplier clock;
    private long now = Long.MIN_VALUE;
    /** When the wrapped operator's own timer (EMIT EVERY) is next due; it keeps its own interval. */
    private long nextInnerTick = Long.MIN_VALUE;

    /** @param clock epoch milliseconds (System::currentTimeMillis; tests pass their own) */
    public ProcessingTimeWindows(StreamOperator windows, int timeColumn, long tickMillis, LongSupplier clock) {
        this.windows = windows;
        this.timeColumn = timeColumn;
        this.tickMillis = tickMillis;
        this.clock = clock;
    }

    /** The clock, never moving backwards (a wall clock may be set back). */
    private long advance(long t) {
        if (t > now) now = t;
        return now;
    }

    @Override public void process(Batch in, Batch out) {
        final long t = advance(clock.getAsLong());
        final long[] times = in.longs[timeColumn];
        final boolean[] nulls = in.nulls[timeColumn];
        for (int r = 0; r < in.size; r++) {
            times[r] = t;
            nulls[r] = false;
        }
        windows.process(in, out);
    }

    @Override public void onWatermark(long watermark, Batch out) {
        if (watermark == Long.MAX_VALUE) windows.onWatermark(watermark, out); // bounded input ended
    }

    @Override public void onProcessingTime(long nowMillis, Batch out) {
        long t = advance(clock.getAsLong());
        windows.onWatermark(t, out);
        long inner = windows.timerIntervalMillis();
        if (inner > 0 && nowMillis >= nextInnerTick) { // EMIT EVERY, at its own pace
            nextInnerTick = nowMillis + inner;
            windows.onProcessingTime(nowMillis, out);
        }
    }

    @Override public long timerIntervalMillis() {
        long inner = windows.timerIntervalMillis();
        return inner > 0 ? Math.min(inner, tickMillis) : tickMillis;
    }

    @Override public Schema outputSchema() { return windows.outputSchema(); }
    @Override public long stateSize() { return windows.stateSize(); }
    @Override public long lateRowsDropped() { return windows.lateRowsDropped(); }
    @Override public void snapshot(java.io.DataOutput out) throws java.io.IOException { windows.snapshot(out); }
    @Override public void restore(java.io.DataInput in) throws java.io.IOException { windows.restore(in); }
    @Override public void close() { windows.close(); }
}
