package io.laminar.exec;

import io.laminar.connector.SourceContext;
import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.ring.Core;
import io.laminar.ring.Message;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jctools.queues.SpscArrayQueue;

/**
 * The entry of one source into the dataflow: the watermark and late-data rules of DESIGN.md §3, applied row by row
 * in arrival order, then batches handed to the source's home core.
 *
 * <p>Watermark: the largest event time seen minus the declared delay, advanced after each row (or explicitly by a
 * writer). A row is late when its time is strictly below the watermark at the moment it arrives. The source drops a
 * late row only if it is later than every reading query allows ({@link #setAcceptedLateness}); otherwise it keeps
 * the row and records how late it was, and each query applies its own lateness.
 *
 * <p>Producers: one connector thread, or writers serialised by the caller holding this object's monitor. Batching
 * adapts: a batch is handed over when it is full, or at once when the home core is idle (lowest latency when the
 * core keeps up, bigger batches when it does not).
 */
public final class SourceRuntime implements SourceContext {
    static final int MAX_BATCH = 4096;

    private final Node node;
    private final Core home;
    private final long delay;
    private final int rowtime;
    private final Consumer<DeadLetter> deadLetters;
    private final SpscArrayQueue<Batch> recycled = new SpscArrayQueue<>(8);
    private final AtomicLong lateDropped = new AtomicLong();
    private final AtomicLong rowsIn = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private Batch current;
    private long maxEventTime = Long.MIN_VALUE;
    private long watermark = Long.MIN_VALUE;
    private long sentWatermark = Long.MIN_VALUE;
    private volatile long acceptedLateness;
    private volatile boolean stopped;
    private volatile boolean finished;
    final Dataflow dataflow;

    SourceRuntime(Node node, Core home, long delay, int rowtime, Consumer<DeadLetter> deadLetters, Dataflow dataflow) {
        this.node = node;
        this.home = home;
        this.delay = delay;
        this.rowtime = rowtime;
        this.deadLetters = deadLetters;
        this.dataflow = dataflow;
        this.current = newBatch();
    }

    private Batch newBatch() {
        Batch b = recycled.poll();
        if (b == null) {
            b = new Batch(node.schema, 256);
            b.lateness = new long[b.capacity()];
        }
        return b;
    }

    public Node node() { return node; }

    /** The largest lateness any reading query accepts (Long.MAX_VALUE when one routes late rows elsewhere). */
    public void setAcceptedLateness(long lateness) { this.acceptedLateness = lateness; }

    @Override public String sourceName() { return node.name; }
    @Override public Schema schema() { return node.schema; }
    @Override public Batch batch() { return current; }
    @Override public boolean isStopped() { return stopped; }

    public void stop() { stopped = true; }
    public boolean isFinished() { return finished; }
    public long watermark() { return watermark; }
    public long lateRowsDropped() { return lateDropped.get(); }
    public long rowsIn() { return rowsIn.get(); }
    public long deadLetters() { return deadLettered.get(); }

    @Override public void rowAdded() {
        Batch b = current;
        int r = b.size - 1;
        if (rowtime >= 0) {
            if (b.nulls[rowtime][r]) {
                b.size--;
                deadLetter(node.name, "the event time column " + node.schema.field(rowtime).name() + " is NULL",
                        String.valueOf(java.util.Arrays.toString(b.row(r))));
                return;
            }
            long ts = b.longs[rowtime][r];
            long lateBy = ts < watermark ? watermark - ts : 0;
            if (lateBy > acceptedLateness) {
                b.size--;
                lateDropped.incrementAndGet();
                return;
            }
            b.lateness[r] = lateBy;
            if (lateBy > b.maxLateness) b.maxLateness = lateBy;
            if (ts > maxEventTime) {
                maxEventTime = ts;
                long w = ts - delay;
                if (w > watermark) watermark = w;
            }
        }
        if (b.size >= MAX_BATCH || home.ingressIsEmpty()) flush();
        else if (b.size == b.capacity()) b.ensureCapacity(b.capacity()); // grow toward MAX_BATCH
    }

    /** Starts a row for a writer: ensures the lateness array keeps pace with the batch's capacity. */
    public int beginRow() {
        Batch b = current;
        int r = b.addRow(RowKind.INSERT);
        if (b.lateness.length < b.capacity()) b.lateness = java.util.Arrays.copyOf(b.lateness, b.capacity());
        return r;
    }

    /** Discards a half-built row (a writer rejected one of its values). */
    public void abandonRow() {
        current.size--;
    }

    @Override public void deadLetter(String origin, String reason, String originalText) {
        deadLettered.incrementAndGet();
        deadLetters.accept(new DeadLetter(node.name, origin, reason, originalText, System.currentTimeMillis()));
    }

    /** Advances the watermark explicitly (a writer's {@code watermark(t)}); it never goes back. */
    public void advanceWatermark(long w) {
        if (w > watermark) watermark = w;
        flush();
    }

    @Override public void flush() {
        Batch b = current;
        if (b.size == 0 && watermark == sentWatermark) return;
        long w = watermark;
        sentWatermark = w;
        if (b.size > 0) rowsIn.addAndGet(b.size); // counted per batch, not per row
        if (b.size > 0) current = newBatch();
        else b = null;
        home.offerIngress(new SourceBatch(this, b, w));
    }

    /** End of input: the final +infinity watermark flushes every open window downstream. */
    public void finish() {
        watermark = Long.MAX_VALUE;
        flush();
        finished = true;
    }

    void recycle(Batch b) {
        b.clear();
        recycled.offer(b);
    }

    /** A batch of source rows plus the watermark after them; runs every reading pipeline's prefix on the home core. */
    static final class SourceBatch extends Message {
        final SourceRuntime source;
        final Batch batch;
        final long watermark;

        SourceBatch(SourceRuntime source, Batch batch, long watermark) {
            this.source = source;
            this.batch = batch;
            this.watermark = watermark;
        }

        @Override public void run(Core core) {
            Dataflow df = source.dataflow;
            if (batch != null) {
                df.emit(source.node, batch, core);
                source.recycle(batch);
            }
            if (watermark > Long.MIN_VALUE) df.emitWatermark(source.node, watermark, core);
        }
    }
}
