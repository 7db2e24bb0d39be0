package io.laminar.ring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;

/**
 * A Ring 0 core: one thread that owns a hash range of keys with its operators and their state.
 *
 * <p>Two inbound rings: {@code ingress} (bounded MPSC) for batches from source writers and connectors, and
 * {@code exchange} (unbounded MPSC) for rows another core routed here by key. Backpressure policy: a full ingress
 * ring blocks the producer (it spins, then parks) — that is where backpressure reaches writers. Exchange is
 * unbounded so that two cores routing rows to each other can never deadlock; its depth is bounded in practice by
 * the ingress bound times a query's fan-out. The exchange ring is drained first so routed work does not pile up.
 *
 * <p>All operator state touched here is owned by one thread at a time: no locks, no shared mutable state. That
 * thread is usually the core's own, but with <b>inline execution</b> (the default) a producer that finds the core
 * idle — nobody running its work — claims the core and runs what it just queued on the producer's own thread
 * (caller-runs): no hand-off, no wake-up, no cache lines crossing to another CPU, and one thread's CPU
 * where two were spent. Ownership is one atomic flag taken by compare-and-set (the core thread takes it around each
 * drain too), so at most one thread runs the core's operators at a time and the release publishes their state to
 * the next owner. Every message goes through the rings, so order is the rings' order; a producer helps
 * ({@link #helpIfIdle}) only after queueing and only while it holds no lock.
 */
public final class Core implements Agent {
    public static final int INGRESS_CAPACITY = 256;
    private static final int DRAIN_LIMIT = 64;
    /** How many extra rounds a producer that ran work inline keeps draining before it goes back to producing. */
    private static final int INLINE_ROUNDS = 4;
    /** How long the core thread leaves queued work to the thread that queued it (inline execution only). */
    static final long PRODUCER_GRACE_NANOS = 20_000;

    public final int id;
    private final MpscArrayQueue<Message> ingress = new MpscArrayQueue<>(INGRESS_CAPACITY);
    private final MpscUnboundedXaddArrayQueue<Message> exchange = new MpscUnboundedXaddArrayQueue<>(1024);
    private final AtomicLong inFlight;
    /** 0 when nobody runs this core's work; 1 while its thread or an inlining producer does. */
    private final AtomicInteger owner = new AtomicInteger();
    /** Whether producers may run work here inline; off: every message goes through the rings. */
    private final boolean inline;
    /** Where a failure in work run inline goes (the same handler as the core thread's). */
    private final Consumer<Throwable> errors;
    private volatile Thread thread;
    /** Lets the idle core thread sleep until a message that nobody else will run is queued. */
    private final Doze doze = new Doze();
    private final List<TimerTask> timers = new ArrayList<>();
    private long nextTimerCheckNanos;
    /** When the core thread first saw queued work without taking it (0: none was queued); its own field. */
    private long queuedSeenNanos;
    /** Set when queued work is the core thread's to take at once: a producer left it behind, or could not help. */
    private volatile boolean handedOver;
    private long processed;

    /** A periodic task run on this core (EMIT EVERY ticks). */
    public interface TimerTask {
        /** Returns false to be removed. */
        boolean onTick(long nowMillis);

        long intervalMillis();
    }

    public Core(int id, AtomicLong inFlight, boolean inline, Consumer<Throwable> errors) {
        this.id = id;
        this.inFlight = inFlight;
        this.inline = inline;
        this.errors = errors;
    }

    /** The thread that drives this core when no producer does (woken when inline work leaves messages behind). */
    public void setThread(Thread t) { this.thread = t; }

    /**
     * From a writer or connector thread that will not run the work itself: queues {@code m}, blocking (spin then
     * park) while the ring is full, and wakes the core thread if it dozes.
     */
    public void offerIngress(Message m) {
        queueIngress(m);
        doze.wake();
    }

    /**
     * Queues {@code m} ({@link #queueIngress}), then runs the core's work on this thread if nobody runs it
     * ({@link #helpIfIdle}): the core thread is not woken for work this thread is about to run.
     */
    public void offerIngressAndHelp(Message m) {
        queueIngress(m);
        helpIfIdle();
    }

    /**
     * Queues {@code m} without waking the core thread: for a writer that runs the work itself once it holds no
     * lock ({@link #helpIfIdle}, which wakes the thread instead when inline execution is off). A full ring wakes it
     * all the same: only the core can make room.
     */
    public void queueIngress(Message m) {
        inFlight.incrementAndGet();
        int attempt = 0;
        while (!ingress.offer(m)) {
            doze.wake();
            attempt = IdleStrategy.backoff(attempt, 100_000);
        }
    }

    /**
     * Inline execution: when nobody runs this core, runs its queued work on the calling thread for a bounded number of
     * rounds, then returns. A producer calls it right after queueing, <b>holding no lock</b> — the work may block on
     * a full delivery ring whose consumer needs that lock. The ring keeps order; leftovers wake the core thread.
     */
    public void helpIfIdle() {
        if (!inline) {
            doze.wake(); // the core thread runs every message
            return;
        }
        if (nothingQueued()) return;
        // taken: by the core thread, which is awake, or by another producer, which hands leftovers over (and wakes it)
        if (owner.get() != 0 || !owner.compareAndSet(0, 1)) return;
        try {
            for (int round = 0; round < INLINE_ROUNDS && work() > 0; round++) {
                // keep going while routed rows or other producers' batches keep arriving
            }
        } finally {
            owner.set(0);
        }
        handOverIfQueued(true); // left-overs: the core thread takes them from here
    }

    /**
     * Takes the core for good (database close): waits out an inline run in progress, then no thread runs this core's
     * work again — a connector still flushing after close only queues. Gives up after {@code timeoutMillis}.
     */
    public boolean seal(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        int attempt = 0;
        while (!owner.compareAndSet(0, 1)) {
            if (System.nanoTime() - deadline > 0) return false;
            attempt = IdleStrategy.backoff(attempt, 1_000_000);
        }
        return true;
    }

    /** From another core (or the control plane), for the core thread to run: never blocks; wakes it if it dozes. */
    public void offerExchange(Message m) {
        queueExchange(m);
        doze.wake();
    }

    /**
     * Queues {@code m} on the exchange ring, then runs the core's work on this thread if nobody runs it
     * ({@link #helpIfIdle}): the core thread is not woken for work this thread is about to run.
     */
    public void offerExchangeAndHelp(Message m) {
        queueExchange(m);
        helpIfIdle();
    }

    private void queueExchange(Message m) {
        inFlight.incrementAndGet();
        exchange.offer(m);
    }

    @Override public Doze doze() { return doze; }

    /**
     * Dozing is fine while nothing is queued, until the next timer check. Plain reads of the timers, racy but
     * benign: a timer added meanwhile, by a message a producer ran inline, wakes the thread ({@link #addTimer}).
     */
    @Override public long dozeNanos() {
        if (!nothingQueued()) return 0;
        return timers.isEmpty() ? Long.MAX_VALUE : nextTimerCheckNanos - System.nanoTime();
    }

    public boolean ingressIsEmpty() {
        return ingress.isEmpty();
    }

    /** Registers a periodic task; must be called on this core (via a message). */
    public void addTimer(TimerTask task) {
        timers.add(task);
        doze.wake(); // added by a message a helping producer ran: the dozing core thread's sleep did not count it in
    }

    /**
     * The core thread's turn: does nothing while a producer runs this core's work inline. With inline execution it
     * also leaves a queued batch to the thread that queued it — a source's producer, or another core routing rows
     * here by key, is about to run it on its own thread, with the rows still in its cache, and taking it here would
     * cross CPUs and leave that thread unable to help — unless the work was handed over (a helper left it behind)
     * or has waited {@link #PRODUCER_GRACE_NANOS} (its producer does not help: SQL INSERT, replay).
     */
    @Override public int doWork() {
        // plain reads first: no CAS on the owner flag while idle (a racy look at the timers: a producer may add one)
        if (timers.isEmpty() || System.nanoTime() < nextTimerCheckNanos) {
            if (nothingQueued()) {
                queuedSeenNanos = 0;
                if (handedOver) handedOver = false; // whoever ran the handed-over work, it is done
                return 0;
            }
            if (inline && !handedOver) {
                long now = System.nanoTime();
                if (queuedSeenNanos == 0) queuedSeenNanos = now;
                // idle (and so park) through the grace: spinning here beside a helping writer measured far worse
                // tails; a producer that does not help (INSERT, barriers, replay) waits at most two parks (2 ms)
                if (now - queuedSeenNanos < PRODUCER_GRACE_NANOS) return 0;
            }
        }
        queuedSeenNanos = 0;
        if (owner.get() != 0 || !owner.compareAndSet(0, 1)) return 0;
        if (handedOver) handedOver = false;
        int done;
        try {
            done = work();
        } finally {
            owner.set(0);
        }
        // a producer that queued while this thread owned the core found it taken and did not help: take its message
        // on the next turn rather than after a park (the owner flag and the rings are volatile, so either the
        // producer saw the release and helped, or this check sees its message)
        return handOverIfQueued(false) ? Math.max(done, 1) : done;
    }

    /** After releasing the core: marks queued work as the core thread's to take at once; true if there was some. */
    private boolean handOverIfQueued(boolean wake) {
        if (nothingQueued()) return false;
        handedOver = true;
        Thread t = thread;
        if (wake && t != null) LockSupport.unpark(t);
        return true;
    }

    /** Both rings empty (volatile reads of their indices: see the release/re-check reasoning in {@link #doWork}). */
    private boolean nothingQueued() {
        return ingress.isEmpty() && exchange.isEmpty();
    }

    /** One round of work; the caller owns the core. */
    private int work() {
        int work = drain(exchange);
        work += drain(ingress);
        if (!timers.isEmpty()) work += runTimers();
        return work;
    }

    private int drain(java.util.Queue<Message> queue) {
        int n = 0;
        Message m;
        while (n < DRAIN_LIMIT && (m = queue.poll()) != null) {
            run(m);
            n++;
        }
        return n;
    }

    /**
     * Runs one message; a failure goes to the error handler, as on the core thread, and the core goes on (a producer
     * running work inline never sees an operator's exception as its own).
     */
    private void run(Message m) {
        try {
            m.run(this);
        } catch (Throwable t) {
            errors.accept(t);
        } finally {
            inFlight.decrementAndGet();
        }
        processed++;
    }

    private int runTimers() {
        long now = System.nanoTime();
        if (now < nextTimerCheckNanos) return 0;
        long nowMillis = System.currentTimeMillis();
        long minInterval = Long.MAX_VALUE;
        timers.removeIf(t -> !t.onTick(nowMillis));
        for (TimerTask t : timers) minInterval = Math.min(minInterval, t.intervalMillis());
        nextTimerCheckNanos = now + Math.max(1, minInterval == Long.MAX_VALUE ? 1000 : minInterval) * 1_000_000L;
        return 1;
    }

    public long processedMessages() { return processed; }

    @Override public String roleName() { return "core-" + id; }
}
