package io.laminar.exec;

import io.laminar.data.Schema;
import java.util.Arrays;

/**
 * A named producer of rows inside the runtime: a source, or a stream/view (the output of a pipeline). Cores hand
 * each batch a node produces to the pipelines that read it ({@link #readers}) and, when something outside Ring 0
 * listens (subscriptions, sinks, materialized views), to the delivery agent.
 *
 * <p>{@code readers} and {@code external} are copy-on-write: the control plane replaces the array, cores read the
 * volatile field once per batch. {@code producers} lists the cores that emit this node's rows; a reader's
 * watermark is the minimum over them.
 */
public final class Node {
    public final String name;
    public final Schema schema;
    public final boolean updating;
    final int[] producers;
    volatile Pipeline.Port[] readers = new Pipeline.Port[0];
    volatile boolean external;
    /**
     * Consumers called on the producing core itself, with the core's own batch (no copy, no hop): subscriptions
     * that asked for {@link Delivery.Consumer#onProducingCore()} on a node with one producer. Copy-on-write.
     */
    volatile Delivery.Consumer[] inline = new Delivery.Consumer[0];
    /**
     * Per producing core: copies of batches that went to Ring 1 and came back once every consumer was done with
     * them (SPSC: the delivery thread offers, that core polls), so delivery to non-retaining consumers allocates
     * nothing in steady state.
     */
    private final org.jctools.queues.SpscArrayQueue<Delivery.BatchItem>[] copies;
    /** Per core: the highest watermark sent to Ring 1 (written only by that core). */
    private final long[] publishedWatermarks = new long[64];
    /** Per core: the last checkpoint epoch whose barrier this node passed on (written only by that core). */
    private final long[] barrierEpochs = new long[64];

    @SuppressWarnings("unchecked")
    public Node(String name, Schema schema, boolean updating, int[] producers) {
        this.name = name;
        this.schema = schema;
        this.updating = updating;
        this.producers = producers;
        int maxCore = 0;
        for (int p : producers) maxCore = Math.max(maxCore, p);
        outstanding = new java.util.concurrent.atomic.AtomicIntegerArray(maxCore + 1);
        copies = new org.jctools.queues.SpscArrayQueue[maxCore + 1];
        // every core may emit here, not only the producers known at creation (a shared LATE DATA TO stream gains
        // sources on other cores): sized like publishedWatermarks
        tailBatch = new Delivery.BatchItem[publishedWatermarks.length];
        tailWatermark = new Delivery.WatermarkItem[publishedWatermarks.length];
        published = new long[publishedWatermarks.length];
        for (int p : producers) copies[p] = new org.jctools.queues.SpscArrayQueue<>(COPIES_PER_CORE);
        Arrays.fill(publishedWatermarks, Long.MIN_VALUE);
    }

    /**
     * Per producing core, the last batch and the last watermark it sent to Ring 1, while the delivery thread has not
     * taken them: a later batch is appended to that batch and a later watermark written into that watermark, instead
     * of each becoming an item of its own. A writer that flushes every row (inline execution hands over one row at a
     * time) would otherwise send one item per row, and the delivery thread, paying per item, falls behind. Rows only
     * ever move ahead of watermarks sent before them (which stays correct: a watermark promises nothing about rows
     * before it), never past a barrier (a barrier clears the tails). Touched only by the thread running that core.
     */
    final Delivery.BatchItem[] tailBatch;
    final Delivery.WatermarkItem[] tailWatermark;
    /** Per core: items sent to Ring 1 so far, numbering them ({@link Delivery.Extendable#sequence}). */
    final long[] published;
    /** A tail batch grows to at most this many rows. */
    static final int TAIL_ROWS = 1024;

    /** On core {@code core}: true (and remembered) when {@code watermark} is above what that core last sent. */
    boolean advancePublishedWatermark(int core, long watermark) {
        if (watermark <= publishedWatermarks[core]) return false;
        publishedWatermarks[core] = watermark;
        return true;
    }

    /**
     * Copies per producing core circulating between it and Ring 1, so a running stream allocates no copies. The pool
     * waits for a returned copy when all of them are out — backpressure that keeps a core from outrunning its
     * consumers — but only for {@link #MAX_WAIT_NANOS}: then it makes one more (dropped when it comes back to a full
     * pool). An unbounded wait could deadlock with a consumer that writes into a source on this core.
     */
    static final int COPIES_PER_CORE = 32;
    static final long MAX_WAIT_NANOS = 2_000_000;
    /** Per core: copies made and not yet kept by a consumer (kept copies leave the circulation). */
    private final java.util.concurrent.atomic.AtomicIntegerArray outstanding;

    /**
     * On core {@code core}: a copy of {@code batch} for Ring 1, reusing a returned one. With every copy out it waits
     * until one comes back or a consumer keeps one (which makes room for a new copy) — consumers that keep their
     * batches (subscriptions, views) return none, so waiting for the pool alone would always run the full wait.
     */
    Delivery.BatchItem copyForDelivery(io.laminar.data.Batch batch, int core) {
        var pool = core < copies.length ? copies[core] : null;
        if (pool == null) return new Delivery.BatchItem(this, batch.copy(), core);
        Delivery.BatchItem c = pool.poll();
        if (c == null) c = returnedOrNew(pool, core, batch.size);
        else c.reopen();
        batch.copyTo(c.batch());
        return c;
    }

    /**
     * With the pool empty: a returned copy (reopened) once one comes back; a new copy as soon as there is room in the
     * circulation (counted as taken); or, when {@link #MAX_WAIT_NANOS} passed without either, a new copy outside the
     * count (an extra, left to the collector after its trip). Backs off as {@link io.laminar.ring.IdleStrategy#backoff}
     * does.
     */
    private Delivery.BatchItem returnedOrNew(org.jctools.queues.SpscArrayQueue<Delivery.BatchItem> pool, int core,
                                             int rows) {
        long deadline = 0;
        boolean counted;
        for (int attempt = 0; ; ) {
            int out = outstanding.get(core);
            if (out < COPIES_PER_CORE && outstanding.compareAndSet(core, out, out + 1)) {
                counted = true;
                break;
            }
            Delivery.BatchItem c = pool.poll();
            if (c != null) {
                c.reopen();
                return c;
            }
            if (attempt == 0) {
                deadline = System.nanoTime() + MAX_WAIT_NANOS;
            } else if (System.nanoTime() - deadline > 0) {
                counted = false;
                break;
            }
            attempt = io.laminar.ring.IdleStrategy.backoff(attempt, 100_000);
        }
        return new Delivery.BatchItem(this, new io.laminar.data.Batch(schema, Math.max(rows, 16)), core, counted);
    }

    /** On the delivery thread: a consumer may keep {@code copy}, so it leaves the circulation (the core makes another). */
    void keepCopy(int core) {
        if (core < copies.length && copies[core] != null) outstanding.decrementAndGet(core);
    }

    /** On the delivery thread: every consumer is done with {@code copy}: its core reuses it. */
    void returnCopy(Delivery.BatchItem copy) {
        int core = copy.core();
        if (core >= copies.length || copies[core] == null) return;
        copy.batch().clear();
        copies[core].offer(copy); // a full pool drops the extra copy made while every pooled one was out
    }

    /** The node is dropped: forgets its inline consumers and returns them. */
    synchronized Delivery.Consumer[] clearInline() {
        Delivery.Consumer[] was = inline;
        inline = new Delivery.Consumer[0];
        return was;
    }

    synchronized void addInline(Delivery.Consumer c) { inline = with(inline, c); }

    /** Returns whether {@code c} was an inline consumer of this node. */
    synchronized boolean removeInline(Delivery.Consumer c) {
        Delivery.Consumer[] a = without(inline, c);
        boolean removed = a.length != inline.length;
        inline = a;
        return removed;
    }

    synchronized void addReader(Pipeline.Port p) { readers = with(readers, p); }

    synchronized void removeReader(Pipeline.Port p) { readers = without(readers, p); }

    /** Copy-on-write: readers on the hot path iterate a plain array that writers replace whole. */
    private static <T> T[] with(T[] a, T x) {
        T[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = x;
        return b;
    }

    private static <T> T[] without(T[] a, T x) {
        T[] b = Arrays.copyOf(a, a.length);
        int n = 0;
        for (T t : a) if (t != x) b[n++] = t;
        return Arrays.copyOf(b, n);
    }

    /** The pipelines reading this node (a self-join's pipeline once). */
    public Pipeline[] readers() {
        return Arrays.stream(readers).map(Pipeline.Port::pipeline).distinct().toArray(Pipeline[]::new);
    }

    /**
     * Called on core {@code core}: true the first time this node sees {@code epoch}'s barrier there. A late-data
     * node is fed by several pipelines, each passing the barrier on; only the first copy counts.
     */
    boolean markBarrier(int core, long epoch) {
        if (barrierEpochs[core] >= epoch) return false;
        barrierEpochs[core] = epoch;
        return true;
    }

    /** Forgets barrier epochs (RESTORE rewinds the epoch counter's meaning for in-flight state). */
    void resetBarriers() {
        java.util.Arrays.fill(barrierEpochs, 0);
    }
    public int[] producers() { return producers.clone(); }
}
