package io.laminar.exec;

import io.laminar.connector.SourceContext;
import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.ring.Core;
import io.laminar.ring.Message;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
 * <p>Producers: one connector thread, or writers serialised by the caller holding this object's monitor. A
 * connector's rows go over in batches it ends ({@link #rowAdded()}); a writer's at once while the home core is idle
 * (lowest latency when the core keeps up, bigger batches when it does not).
 */
public final class SourceRuntime implements SourceContext {
    static final int MAX_BATCH = 4096;
    /** Rows a connector's batch holds before it is handed over (see {@link #rowAdded()}). */
    static final int CONNECTOR_BATCH = 1024;
    /**
     * Batches (each with its ring message) a source owns; they circle between the producer and the home core, so
     * a running source allocates nothing. A producer that has all of them in flight waits for one to come back,
     * which is backpressure like a full ring.
     */
    static final int BATCHES_IN_FLIGHT = 64;
    private int batchesMade;

    private final Node node;
    private final Core home;
    private final long delay;
    private final int rowtime;
    private final Consumer<DeadLetter> deadLetters;
    /** Returned by the home core (producer of this queue), taken by this source's producer. */
    private final SpscArrayQueue<SourceBatch> recycled = new SpscArrayQueue<>(BATCHES_IN_FLIGHT);
    private final AtomicLong lateDropped = new AtomicLong();
    private final AtomicLong rowsIn = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private SourceBatch currentMessage;
    private Batch current;
    private long maxEventTime = Long.MIN_VALUE;
    private long watermark = Long.MIN_VALUE;
    private long sentWatermark = Long.MIN_VALUE;
    private volatile long acceptedLateness;
    private volatile boolean stopped;
    private volatile boolean finished;
    final Dataflow dataflow;
    /** Checkpoint barrier requested by the coordinator (0: none yet); read per row by the producer. */
    private volatile long requestedEpoch;
    /** Last barrier injected; guarded by this object's monitor. */
    private long injectedEpoch;
    /** Events written through {@link #writerRowAdded} etc. (MEMORY sources): the WAL sequence number. */
    private long seq;
    private volatile SourceLog log;
    private volatile java.util.function.Supplier<String> connectorPosition;

    /**
     * Where a source stands at a barrier: enough to rewind it there. {@code connectorPosition} is the connector's
     * own offset (FILES: file index and records read); {@code seq} numbers events written in-process, so that WAL
     * replay skips those the checkpoint already holds; {@code walPosition} is the log position at the barrier.
     */
    public record Position(long seq, long maxEventTime, long watermark, boolean finished, String connectorPosition,
                           long walPosition, long rowsIn) {}

    /** Where in-process writes are logged before they are acknowledged (a database with a directory). */
    public interface SourceLog {
        long appendRow(long seq, Batch batch, int row);

        long appendWatermark(long seq, long watermark);

        long appendFinish(long seq);

        void awaitDurable(long position);

        long position();
    }

    SourceRuntime(Node node, Core home, long delay, int rowtime, Consumer<DeadLetter> deadLetters, Dataflow dataflow) {
        this.node = node;
        this.home = home;
        this.delay = delay;
        this.rowtime = rowtime;
        this.deadLetters = deadLetters;
        this.dataflow = dataflow;
        takeBatch();
    }

    /**
     * Makes the next pooled batch current: a returned one, a new one while fewer than BATCHES_IN_FLIGHT exist, else
     * waits for one to come back (backpressure) — but only for {@link Node#MAX_WAIT_NANOS}, then makes an extra one
     * (dropped when it comes back to a full pool): an unbounded wait could deadlock with a consumer that writes back.
     */
    private void takeBatch() {
        SourceBatch m = recycled.poll();
        if (m == null && batchesMade >= BATCHES_IN_FLIGHT) m = io.laminar.ring.IdleStrategy.pollWithin(recycled, Node.MAX_WAIT_NANOS);
        if (m == null) {
            if (batchesMade < BATCHES_IN_FLIGHT) batchesMade++;
            Batch b = new Batch(node.schema, 256);
            b.lateness = new long[b.capacity()];
            m = new SourceBatch(this, b);
        }
        currentMessage = m;
        current = m.batch;
    }

    public Node node() { return node; }

    /** The core this source's rows enter on (and whose WAL logs its writes). */
    public int homeCore() { return home.id; }

    public void setLog(SourceLog log) { this.log = log; }

    /** Supplies the connector's offset when a barrier is injected (called on the connector's thread). */
    public void setConnectorPosition(java.util.function.Supplier<String> position) { this.connectorPosition = position; }

    /** Asks the producer to inject the barrier of {@code epoch} at its next row boundary. */
    public void requestBarrier(long epoch) { requestedEpoch = epoch; }

    /** Whether the barrier of {@code epoch} has been injected. */
    public synchronized boolean barrierInjected(long epoch) { return injectedEpoch >= epoch; }

    /**
     * Injects the requested barrier now. Only for a caller that owns the producer side: a writer path (under this
     * object's monitor), or the coordinator when no connector thread is running.
     */
    public synchronized void injectRequestedBarrier() {
        long epoch = requestedEpoch;
        if (epoch <= injectedEpoch) return;
        flushBatch(RUN_AFTER_WRITE); // synchronized: a writer helps once it holds no lock; the barrier below wakes the core
        SourceLog l = log;
        Supplier<String> cp = connectorPosition;
        Position p = new Position(seq, maxEventTime, watermark, finished, cp == null ? null : cp.get(),
                l == null ? -1 : l.position(), rowsIn.get());
        injectedEpoch = epoch;
        BarrierListener listener = dataflow.barrierListener;
        if (listener != null) listener.onSourceBarrier(this, epoch, p);
        home.offerIngress(new SourceBarrier(this, epoch));
    }

    private void maybeInjectBarrier() {
        if (requestedEpoch != injectedEpoch) injectRequestedBarrier();
    }

    /** Puts this source back where a checkpoint found it (before its connector restarts or the WAL replays). */
    public synchronized void restore(Position p) {
        current.clear();
        seq = p.seq();
        maxEventTime = p.maxEventTime();
        watermark = p.watermark();
        sentWatermark = p.watermark();
        finished = p.finished();
        rowsIn.set(p.rowsIn());
        stopped = false;
        injectedEpoch = requestedEpoch;
    }

    /** Back to an empty start (recovery with no checkpoint). */
    public synchronized void reset() {
        restore(new Position(0, Long.MIN_VALUE, Long.MIN_VALUE, false, null, -1, 0));
    }

    /** Clears the stop flag so a connector can run again (RESTORE). */
    public void resume() { stopped = false; }

    public long sequence() { return seq; }

    // ---- writer paths: log first (when durable), then apply. Callers hold this object's monitor.

    /** A writer's row at the end of {@link #batch()} is complete: logs it, then applies it. Returns the WAL position. */
    public long writerRowAdded() {
        SourceLog l = log;
        long pos = 0;
        if (l != null) pos = l.appendRow(++seq, current, current.size - 1);
        writerRowDone();
        return pos;
    }

    public long writerWatermark(long w) {
        SourceLog l = log;
        long pos = l == null ? 0 : l.appendWatermark(++seq, w);
        raiseWatermark(w);
        writerFlush();
        return pos;
    }

    public long writerFinish() {
        SourceLog l = log;
        long pos = l == null ? 0 : l.appendFinish(++seq);
        markFinished();
        writerFlush();
        return pos;
    }

    /** A writer's {@link #flush}: under this object's monitor, and the writer runs the work after it ({@link #afterWrite}). */
    public void writerFlush() {
        flushBatch(RUN_AFTER_WRITE);
        maybeInjectBarrier();
    }

    /** Replays a logged event (recovery): applies it without logging again, keeping its sequence number. */
    public void replayed(long eventSeq) { seq = eventSeq; }

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

    /**
     * A connector's row is complete. Connectors hand over full batches of {@link #CONNECTOR_BATCH} rows, or fewer
     * when they call {@link #flush()} (end of a file, input gone quiet, before a paced wait): a connector knows when
     * more input is at hand, and per-batch work (watermarks, hand-off) is then paid once per batch, not per row.
     */
    @Override public void rowAdded() {
        rowDone(CONNECTOR_BATCH, false);
    }

    /**
     * A writer's row is complete. A writer cannot say whether another row follows, so its rows are handed over at
     * once while the home core is idle (lowest latency; with inline execution the writer's thread runs them through
     * the pipeline now) and batch up while the core is busy (throughput), up to {@link #MAX_BATCH}.
     */
    private void writerRowDone() {
        rowDone(MAX_BATCH, true);
    }

    /** Hands the batch over at {@code batchRows} rows (or at once while the core is idle, for writers), else grows it. */
    private void rowDone(int batchRows, boolean writer) {
        Batch b = current;
        if (admitLastRow() && (b.size >= batchRows || writer && home.ingressIsEmpty())) {
            // a writer holds this object's monitor and helps the core once it has released it (afterWrite); a
            // connector's thread holds no lock — except WAL replay, which runs under the monitor and must not help
            flushBatch(writer ? RUN_AFTER_WRITE : Thread.holdsLock(this) ? WAKE_CORE : RUN_HERE);
        } else if (b.size == b.capacity() && b.size < MAX_BATCH) {
            b.ensureCapacity(b.capacity()); // grow toward MAX_BATCH
        }
        if (requestedEpoch != injectedEpoch) injectRequestedBarrier(); // one volatile load per row otherwise
    }

    /**
     * Applies the event-time rules to the batch's last row: a NULL event time goes to the dead letters, a row later
     * than every query accepts is dropped; otherwise its lateness is recorded and the watermark advanced. False when
     * the row was taken out of the batch.
     */
    private boolean admitLastRow() {
        if (rowtime < 0) return true;
        Batch b = current;
        int r = b.size - 1;
        if (b.nulls[rowtime][r]) {
            b.size--;
            deadLetter(node.name, "the event time column " + node.schema.field(rowtime).name() + " is NULL",
                    String.valueOf(java.util.Arrays.toString(b.row(r))));
            return false;
        }
        long ts = b.longs[rowtime][r];
        long lateBy = ts < watermark ? watermark - ts : 0;
        if (lateBy > acceptedLateness) {
            b.size--;
            lateDropped.incrementAndGet();
            return false;
        }
        b.lateness[r] = lateBy;
        if (lateBy > b.maxLateness) b.maxLateness = lateBy;
        if (ts > maxEventTime) {
            maxEventTime = ts;
            long w = ts - delay;
            if (w > watermark) watermark = w;
        }
        return true;
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
        raiseWatermark(w);
        flush();
    }

    /** The watermark never goes back. */
    private void raiseWatermark(long w) {
        if (w > watermark) watermark = w;
    }

    @Override public void flush() {
        // a connector's thread holds no lock and may help; under the monitor (SQL INSERT, WAL replay) nobody will
        flushBatch(Thread.holdsLock(this) ? WAKE_CORE : RUN_HERE);
        maybeInjectBarrier();
    }

    /** How a batch handed to the home core gets run ({@link #flushBatch}). */
    private static final int RUN_HERE = 0, RUN_AFTER_WRITE = 1, WAKE_CORE = 2;

    /**
     * Hands the current batch to the home core. {@code how}: {@link #RUN_HERE}, this thread runs the core's work
     * now if nobody does; {@link #RUN_AFTER_WRITE}, a writer under this object's monitor, which runs it once it has
     * released the monitor ({@link #afterWrite}), so the core thread is not woken for it; {@link #WAKE_CORE}, nobody
     * here will run it, so a dozing core thread is woken ({@link io.laminar.ring.Doze}).
     */
    private void flushBatch(int how) {
        Batch b = current;
        if (b.size == 0 && watermark == sentWatermark) return;
        long w = watermark;
        sentWatermark = w;
        // counted per batch, not per row; producers are serialised, so a release store does (no read-modify-write)
        if (b.size > 0) rowsIn.lazySet(rowsIn.get() + b.size);
        SourceBatch m = currentMessage;
        m.watermark = w;
        takeBatch();
        switch (how) {
            case RUN_HERE -> home.offerIngressAndHelp(m);
            case RUN_AFTER_WRITE -> home.queueIngress(m);
            default -> home.offerIngress(m);
        }
    }

    /**
     * A writer's write is done and this object's monitor released: runs the home core's queued work on the caller's
     * thread if nobody runs it (inline execution, {@link io.laminar.ring.Core#helpIfIdle}), then waits until the logged
     * write is as durable as the fsync policy promises ({@code position} 0: nothing logged).
     */
    public void afterWrite(long position) {
        home.helpIfIdle();
        awaitDurable(position);
    }

    /**
     * Waits until a logged write is as durable as the fsync policy promises, without running the core's work (a
     * caller still holding a lock, as SQL INSERT holds the database's). Call without holding this object's monitor.
     */
    public void awaitDurable(long position) {
        SourceLog l = log;
        if (l != null && position > 0) l.awaitDurable(position);
    }

    /** End of input: the final +infinity watermark flushes every open window downstream. */
    public void finish() {
        markFinished();
        flush();
    }

    /** The end of input: the final +infinity watermark, and no more rows. */
    private void markFinished() {
        watermark = Long.MAX_VALUE;
        finished = true;
    }

    /** The barrier of one epoch, in order behind the rows before it; passed on by the home core. */
    static final class SourceBarrier extends Message {
        final SourceRuntime source;
        final long epoch;

        SourceBarrier(SourceRuntime source, long epoch) {
            this.source = source;
            this.epoch = epoch;
        }

        @Override public void run(Core core) {
            source.dataflow.emitBarrier(source.node, epoch, core);
        }
    }

    /**
     * A batch of source rows (possibly none) plus the watermark after them; runs every reading pipeline's prefix on
     * the home core, then goes back to its source for reuse (nothing downstream keeps a source batch: operators copy
     * what they hold, and batches leaving Ring 0 are copies).
     */
    static final class SourceBatch extends Message {
        final SourceRuntime source;
        final Batch batch;
        long watermark;

        SourceBatch(SourceRuntime source, Batch batch) {
            this.source = source;
            this.batch = batch;
        }

        @Override public void run(Core core) {
            Dataflow df = source.dataflow;
            try {
                if (batch.size > 0) df.emit(source.node, batch, core);
                if (watermark > Long.MIN_VALUE) df.emitWatermark(source.node, watermark, core);
            } finally {
                batch.clear();
                source.recycled.offer(this);
            }
        }
    }
}
