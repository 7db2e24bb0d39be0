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
 * does not stop the feed. Pull form: {@link #poll(Duration)} takes the next batch.
 */
public final class Subscription implements AutoCloseable {
    private final String stream;
    private final boolean updating;
    private final Consumer<ResultBatch> listener;
    private final LinkedBlockingQueue<ResultBatch> queue;
    private final AtomicLong listenerErrors = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private volatile long watermark = Long.MIN_VALUE;
    private volatile Throwable lastListenerError;
    private Runnable onClose;
    final Delivery.Consumer consumer = new Delivery.Consumer() {
        @Override public void onBatch(Batch batch) { deliver(batch); }
        @Override public void onWatermark(long w) { watermark = w; }
    };

    Subscription(String stream, boolean updating, Consumer<ResultBatch> listener) {
        this.stream = stream;
        this.updating = updating;
        this.listener = listener;
        this.queue = listener == null ? new LinkedBlockingQueue<>() : null;
    }

    void onClose(Runnable r) { this.onClose = r; }

    private void deliver(Batch batch) {
        ResultBatch rb = new ResultBatch(stream, batch, updating);
        rows.addAndGet(batch.size);
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
    public long watermark() { return watermark; }
    public long rowsDelivered() { return rows.get(); }
    public long listenerErrors() { return listenerErrors.get(); }
    public Throwable lastListenerError() { return lastListenerError; }

    @Override public void close() {
        if (onClose != null) onClose.run();
    }
}
