package io.laminar.exec;

import io.laminar.data.Batch;
import io.laminar.ring.Agent;
import io.laminar.ring.IdleStrategy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jctools.queues.MpscArrayQueue;

/**
 * Ring 1's delivery agent: takes copies of output batches from the cores (bounded MPSC ring; a full ring blocks
 * the core, which pushes back to writers) and hands them to consumers outside Ring 0 — subscriptions, sinks,
 * materialized views — on its own thread, so user callbacks and sink I/O never stall a core. Each node's
 * watermark is the minimum over the cores producing it.
 */
public final class Delivery implements Agent {
    /** Something outside Ring 0 that receives a node's rows, in order, on the delivery thread. */
    public interface Consumer {
        void onBatch(Batch batch);

        default void onWatermark(long watermark) {}

        default void onClose() {}

        /**
         * Every row of the node before checkpoint barrier {@code epoch} has been delivered, none after: a sink
         * pre-commits its epoch here, a materialized view snapshots.
         */
        default void onBarrier(long epoch) {}

        /**
         * True when the consumer is done with a batch when {@link #onBatch} returns (it copies what it keeps): the
         * batch is then recycled. False (the default) for consumers that may hold on to batches.
         */
        default boolean releasesBatches() { return false; }

        /**
         * True to be called on the producing core's own thread, with the core's batch (no copy, no hop) — granted
         * when the node has a single producing core, otherwise the consumer runs on the delivery thread. Such a
         * consumer must be quick, must not block, and must catch its own exceptions. Without inline execution,
         * while one exists the cores yield instead of parking when idle, so they react to new input within
         * microseconds (unless it says otherwise in {@link #keepsCoresAwake()}); with it, the producers run the
         * work themselves and idle cores park.
         */
        default boolean onProducingCore() { return false; }

        /**
         * Whether an on-core consumer wants the cores to yield rather than park while idle (a subscriber waiting for
         * rows with the lowest latency: the default); a sink that only drops or queues rows does not.
         */
        default boolean keepsCoresAwake() { return onProducingCore(); }

        /**
         * Whether an on-core consumer may be called by several cores at once: it is then granted the producing cores
         * of a node produced on several (each calling it with its own batches), and there gets no watermarks.
         */
        default boolean concurrentCalls() { return false; }
    }

    private static final int CAPACITY = 1024;
    private final MpscArrayQueue<Object> queue = new MpscArrayQueue<>(CAPACITY);
    private final AtomicLong inFlight;
    /** Lets the idle delivery thread sleep until an item is queued ({@link #offer} wakes it). */
    private final io.laminar.ring.Doze doze = new io.laminar.ring.Doze();
    private final Map<Node, List<Consumer>> consumers = new ConcurrentHashMap<>();
    private final Map<Node, long[]> watermarks = new ConcurrentHashMap<>();

    /**
     * An item its producing core may still add to while it waits in the ring ({@link Node}'s tails: rows appended to
     * the last batch, a newer watermark written into the last watermark), until the delivery thread takes it. Whoever
     * comes first wins: the core adds, or the delivery thread takes (and then delivers what was added).
     */
    abstract static class Extendable {
        private static final int OPEN = 0, ADDING = 1, TAKEN = 2;
        private static final java.lang.invoke.VarHandle STATE;
        static {
            try {
                STATE = java.lang.invoke.MethodHandles.lookup().findVarHandle(Extendable.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
        @SuppressWarnings("unused") private volatile int state;
        /** Published position in its core's stream of this node's items (the core's own numbering). */
        long sequence;

        /** On the producing core: true when the item may still be added to (then call {@link #doneAdding}). */
        final boolean tryAdd() {
            return state == OPEN && STATE.compareAndSet(this, OPEN, ADDING);
        }

        final void doneAdding() { state = OPEN; }

        /** On the delivery thread: no more additions (waits out one in progress); taking twice is harmless. */
        final void take() {
            int s;
            while ((s = state) != TAKEN) {
                if (s == OPEN && STATE.compareAndSet(this, OPEN, TAKEN)) return;
                Thread.onSpinWait();
            }
        }

        /** A pooled item going out again. */
        final void reopen() { state = OPEN; }
    }

    /**
     * A copy of a core's output batch. {@code circulating}: it counts against its core's pool of copies
     * ({@link Node#copyForDelivery}), so whoever ends its trip returns it or takes it out of the circulation, once.
     */
    static final class BatchItem extends Extendable {
        private final Node node;
        private final Batch batch;
        private final int core;
        private final boolean circulating;

        BatchItem(Node node, Batch batch, int core, boolean circulating) {
            this.node = node;
            this.batch = batch;
            this.core = core;
            this.circulating = circulating;
        }

        BatchItem(Node node, Batch batch, int core) {
            this(node, batch, core, true);
        }

        Node node() { return node; }
        Batch batch() { return batch; }
        int core() { return core; }
        boolean circulating() { return circulating; }
    }

    static final class WatermarkItem extends Extendable {
        final Node node;
        final int core;
        /** Raised by the producing core while the item waits (see {@link Extendable}). */
        long watermark;

        WatermarkItem(Node node, long watermark, int core) {
            this.node = node;
            this.watermark = watermark;
            this.core = core;
        }
    }

    private record BarrierItem(Node node, long epoch, int core) {}

    private record TaskItem(Runnable task) {}

    /** A node's barrier alignment across its producing cores: items from a core past the barrier wait here. */
    private static final class Alignment {
        final boolean[] blocked = new boolean[64];
        int count;
        final java.util.ArrayDeque<Object> held = new java.util.ArrayDeque<>();
    }

    private final Map<Node, Alignment> alignments = new java.util.HashMap<>();

    Delivery(AtomicLong inFlight) {
        this.inFlight = inFlight;
    }

    void add(Node node, Consumer c) {
        consumers.computeIfAbsent(node, n -> new CopyOnWriteArrayList<>()).add(c);
    }

    /** Returns whether the node still has consumers. */
    boolean remove(Node node, Consumer c) {
        List<Consumer> l = consumers.get(node);
        if (l == null) return false;
        l.remove(c);
        return !l.isEmpty();
    }

    void removeAll(Node node) {
        List<Consumer> l = consumers.remove(node);
        if (l != null) l.forEach(Consumer::onClose);
    }

    void publishBatch(BatchItem item) {
        offer(item);
    }

    void publishBarrier(Node node, long epoch, int core) {
        offer(new BarrierItem(node, epoch, core));
    }

    void runTask(Runnable task) {
        offer(new TaskItem(task));
    }

    void publishWatermark(WatermarkItem item) {
        offer(item);
    }

    private void offer(Object item) {
        inFlight.incrementAndGet();
        IdleStrategy idle = null;
        while (!queue.offer(item)) {
            if (idle == null) idle = new IdleStrategy(100_000);
            idle.idle(0);
        }
        doze.wake();
    }

    @Override public io.laminar.ring.Doze doze() { return doze; }

    @Override public long dozeNanos() { return queue.isEmpty() ? Long.MAX_VALUE : 0; }

    @Override public int doWork() {
        int n = 0;
        Object item;
        while (n < 256 && (item = queue.poll()) != null) {
            try {
                dispatch(item);
            } finally {
                inFlight.decrementAndGet();
            }
            n++;
        }
        return n;
    }

    private boolean isHeld(Node node, int core, Object item) {
        Alignment a = alignments.get(node);
        if (a == null || a.count == 0 || !a.blocked[core]) return false;
        if (item instanceof BatchItem b && b.circulating()) {
            // out of the circulation while held: the core makes new copies meanwhile, rather than waiting for this
            // one — that wait would stall the core, and with it the barrier this alignment waits for
            node.keepCopy(core);
            item = new BatchItem(node, b.batch(), core, false);
        }
        a.held.add(item);
        return true;
    }

    private void dispatch(Object item) {
        if (item instanceof Extendable e) e.take(); // what its core added until now is delivered, nothing after
        if (item instanceof TaskItem t) {
            t.task.run();
            return;
        }
        if (item instanceof BarrierItem b) {
            onBarrier(b);
            return;
        }
        if (item instanceof BatchItem b && isHeld(b.node, b.core, item)) return;
        if (item instanceof WatermarkItem w && isHeld(w.node, w.core, item)) return;
        if (item instanceof BatchItem b) {
            List<Consumer> l = consumers.get(b.node);
            boolean release = true;
            RuntimeException failure = null;
            if (l != null) {
                // one pass over one snapshot of the list: a consumer added meanwhile is both asked and called, or neither
                for (Consumer c : l) { // one failing consumer (a sink on a full disk) costs the others nothing
                    release &= c.releasesBatches();
                    try {
                        c.onBatch(b.batch);
                    } catch (RuntimeException e) {
                        if (failure == null) failure = e;
                        else failure.addSuppressed(e);
                    }
                }
            }
            // a consumer that may keep the copy takes it out of circulation; the core makes another
            // a copy outside the circulation (held by an alignment, or an extra) is left to the collector
            if (b.circulating()) {
                if (release) b.node.returnCopy(b);
                else b.node.keepCopy(b.core);
            }
            if (failure != null) throw failure; // reported as the worker's failure, once every consumer had the rows
        } else if (item instanceof WatermarkItem w) {
            long[] perCore = watermarks.computeIfAbsent(w.node, n -> {
                long[] a = new long[64];
                Arrays.fill(a, Long.MAX_VALUE);
                for (int p : n.producers) a[p] = Long.MIN_VALUE;
                return a;
            });
            long before = min(perCore);
            perCore[w.core] = Math.max(perCore[w.core], w.watermark);
            long after = min(perCore);
            if (after > before) {
                List<Consumer> l = consumers.get(w.node);
                if (l != null) for (Consumer c : l) c.onWatermark(after);
            }
        }
    }

    private void onBarrier(BarrierItem b) {
        Alignment a = alignments.computeIfAbsent(b.node, n -> new Alignment());
        if (a.count > 0 && a.blocked[b.core]) { // the next epoch, while this one aligns
            a.held.add(b);
            return;
        }
        a.blocked[b.core] = true;
        a.count++;
        if (a.count < b.node.producers.length) return;
        List<Consumer> l = consumers.get(b.node);
        if (l != null) for (Consumer c : l) c.onBarrier(b.epoch);
        Arrays.fill(a.blocked, false);
        a.count = 0;
        if (a.held.isEmpty()) return;
        Object[] replay = a.held.toArray();
        a.held.clear();
        for (Object o : replay) dispatch(o);
    }

    private static long min(long[] a) {
        long m = Long.MAX_VALUE;
        for (long x : a) m = Math.min(m, x);
        return m;
    }

    void closeConsumers() {
        consumers.values().forEach(l -> l.forEach(Consumer::onClose));
        consumers.clear();
    }

    @Override public String roleName() { return "delivery"; }
}
