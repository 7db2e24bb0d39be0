package io.laminar;

import io.laminar.data.Batch;
import io.laminar.exec.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A live feed of a stream's output. Push form: a listener called on Laminar's delivery thread (never on a core)
 * with each batch as it is produced; an exception from the listener is counted ({@link #listenerErrors()}) and
 * does not stop the feed. Pull form: {@link #poll(Duration)} takes the next batch. Columnar form
 * ({@link Laminar#subscribe(String, BatchListener, Dispatch)}): the listener reads the engine's own columnar batch,
 * lent for the duration of the call — nothing is allocated per batch — optionally on the producing core's thread.
 */
public final class Subscription implements AutoCloseable {
    /**
     * Receives each output batch of a stream, lent for the duration of the call: read the column arrays
     * ({@code batch.longs[c][r]}, {@code batch.objects[c][r]}, {@code batch.nulls[c][r]}, {@code batch.ops[r]} for
     * the row kind; a DECIMAL(p, s) column holds its unscaled values at scale s in {@code longs}, and
     * {@code batch.decimal(c, r)} gives the BigDecimal) and copy what you keep — the batch is reused once the call
     * returns. Never modify it.
     */
    @FunctionalInterface
    public interface BatchListener {
        void onBatch(Batch batch);
    }

    /** Which thread calls a {@link BatchListener}. */
    public enum Dispatch {
        /** Laminar's delivery thread (Ring 1): a slow listener never stalls the cores. */
        DELIVERY_THREAD,
        /**
         * The thread running the core that produced the rows, right after producing them: no copy and no thread hop,
         * the lowest latency. That is the core's own thread, or — with {@code Config.inlineExecution} (the default) —
         * the writer's or connector's thread that ran the core's work itself, so a write can return with its rows
         * already delivered. The listener must be quick and must not block (it holds up that core); with inline
         * execution off, idle cores yield instead of parking while such a subscription exists. Granted for streams produced on one core (a
         * stateless query, or any query with {@code cores = 1}); otherwise the subscription falls back to
         * {@link #DELIVERY_THREAD} ({@link #dispatch()} says which it got).
         */
        CORE_THREAD
    }

    private volatile String stream;
    private volatile boolean updating;
    private final Consumer<ResultBatch> listener;
    private final BatchListener batchListener;
    private final Dispatch requested;
    private volatile Dispatch dispatch = Dispatch.DELIVERY_THREAD;
    private final LinkedBlockingQueue<ResultBatch> queue;
    private final AtomicLong listenerErrors = new AtomicLong();
    /** Written by one thread at a time (see {@link #addRows}); release stores. */
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong watermark = new AtomicLong(Long.MIN_VALUE);
    private volatile Throwable lastListenerError;
    private Runnable onClose;
    final Delivery.Consumer consumer = new Delivery.Consumer() {
        @Override public void onBatch(Batch batch) {
            if (batchListener != null) deliverLent(batch);
            else deliver(batch);
        }
        @Override public void onWatermark(long w) { watermark.lazySet(w); }
        @Override public boolean releasesBatches() { return batchListener != null; }
        @Override public boolean onProducingCore() { return requested == Dispatch.CORE_THREAD; }
    };

    Subscription(String stream, boolean updating, Consumer<ResultBatch> listener) {
        this.stream = stream;
        this.updating = updating;
        this.listener = listener;
        this.batchListener = null;
        this.requested = Dispatch.DELIVERY_THREAD;
        this.queue = listener == null ? new LinkedBlockingQueue<>() : null;
    }

    /** A columnar subscription; {@link #bind} completes it once it is attached to the stream's node. */
    Subscription(String stream, BatchListener listener, Dispatch requested) {
        this.stream = stream;
        this.listener = null;
        this.batchListener = listener;
        this.requested = requested;
        this.queue = null;
    }

    void bind(String streamName, boolean isUpdating, Dispatch granted) {
        this.stream = streamName;
        this.updating = isUpdating;
        this.dispatch = granted;
    }

    /** The thread this subscription's listener is called on (a columnar one may have asked for the core's). */
    public Dispatch dispatch() { return dispatch; }

    /** Whether the stream is updating (its rows carry -U/+U/-D as well as +I). */
    public boolean isUpdating() { return updating; }

    private void deliverLent(Batch batch) {
        addRows(batch.size);
        try {
            batchListener.onBatch(batch);
        } catch (Throwable t) { // never into the core or the delivery thread
            listenerErrors.incrementAndGet();
            lastListenerError = t;
        }
    }

    /** One thread delivers at a time (the producing core's owner, or the delivery thread): no read-modify-write. */
    private void addRows(int n) {
        rows.lazySet(rows.get() + n);
    }

    void onClose(Runnable r) { this.onClose = r; }

    private void deliver(Batch batch) {
        ResultBatch rb = new ResultBatch(stream, batch, updating);
        addRows(batch.size);
        if (listener == null) {
            queue.add(rb);
            return;
        }
        try {
            listener.accept(rb);
        } catch (Throwable t) {
            listenerErrors.incrementAndGet();
            lastListenerError = t;
        }
    }

    public String stream() { return stream; }

    /** The next batch, waiting up to {@code timeout}; null if none arrived. Only for subscriptions without a listener. */
    public ResultBatch poll(Duration timeout) throws InterruptedException {
        if (queue == null) throw new LaminarException(ErrorCode.VALIDATION, "this subscription to " + stream
                + " has a listener; poll() is for subscriptions created without one");
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Every batch already delivered, without waiting. */
    public List<ResultBatch> drain() {
        List<ResultBatch> out = new ArrayList<>();
        if (queue != null) queue.drainTo(out);
        return out;
    }

    /** The stream's watermark as last seen by this subscription. */
    public long watermark() { return watermark.get(); }
    public long rowsDelivered() { return rows.get(); }
    public long listenerErrors() { return listenerErrors.get(); }
    public Throwable lastListenerError() { return lastListenerError; }

    @Override public void close() {
        if (onClose != null) onClose.run();
    }
}
