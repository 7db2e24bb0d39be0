package io.laminar.ring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>All operator state touched here is owned by this thread: no locks, no shared mutable state.
 */
public final class Core implements Agent {
    public static final int INGRESS_CAPACITY = 256;
    private static final int DRAIN_LIMIT = 64;

    public final int id;
    private final MpscArrayQueue<Message> ingress = new MpscArrayQueue<>(INGRESS_CAPACITY);
    private final MpscUnboundedXaddArrayQueue<Message> exchange = new MpscUnboundedXaddArrayQueue<>(1024);
    private final AtomicLong inFlight;
    private final List<TimerTask> timers = new ArrayList<>();
    private long nextTimerCheckNanos;
    private long processed;

    /** A periodic task run on this core (EMIT EVERY ticks). */
    public interface TimerTask {
        /** Returns false to be removed. */
        boolean onTick(long nowMillis);

        long intervalMillis();
    }

    public Core(int id, AtomicLong inFlight) {
        this.id = id;
        this.inFlight = inFlight;
    }

    /** From a writer or connector thread: blocks (spin then park) while the ring is full. */
    public void offerIngress(Message m) {
        inFlight.incrementAndGet();
        int attempt = 0;
        while (!ingress.offer(m)) attempt = IdleStrategy.backoff(attempt, 100_000);
    }

    /** From another core (or the control plane): never blocks. */
    public void offerExchange(Message m) {
        inFlight.incrementAndGet();
        exchange.offer(m);
    }

    public boolean ingressIsEmpty() {
        return ingress.isEmpty();
    }

    /** Registers a periodic task; must be called on this core (via a message). */
    public void addTimer(TimerTask task) {
        timers.add(task);
    }

    @Override public int doWork() {
        int work = drain(exchange);
        work += drain(ingress);
        if (!timers.isEmpty()) work += runTimers();
        return work;
    }

    private int drain(java.util.Queue<Message> queue) {
        int n = 0;
        Message m;
        while (n < DRAIN_LIMIT && (m = queue.poll()) != null) {
            try {
                m.run(this);
            } finally {
                inFlight.decrementAndGet();
            }
            n++;
        }
        processed += n;
        return n;
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
