package io.laminar.ring;

import java.util.concurrent.locks.LockSupport;

/**
 * Lets an agent's thread that has been idle for a while sleep until its producers wake it, rather than waking
 * itself every millisecond to poll: an idle core or delivery thread polling at its longest park cost about 1.3 % of
 * a CPU each, which an engine whose producers run the cores' work inline (the usual case) spent on three threads
 * that had nothing to do.
 *
 * <p>The handshake: the sleeper raises {@link #dozing}, then looks at its queues ({@link Agent#dozeNanos}); a
 * producer queues, then reads {@link #dozing} ({@link #wake}). Both are volatile accesses, so either the sleeper's
 * look sees the message or the producer sees the flag and unparks it. A producer that is about to run the work
 * itself (inline execution) need not wake it. The sleep is bounded ({@link #MAX_NANOS}) all the same, so a wake-up
 * a producer failed to give costs a delay, never a hang.
 */
public final class Doze {
    /** The longest sleep: how late, at worst, queued work that nobody woke the thread for is taken. */
    static final long MAX_NANOS = 50_000_000L;

    private volatile long maxNanos = MAX_NANOS;
    private volatile boolean dozing;
    private volatile Thread sleeper;

    /** Whether the thread is dozing now (diagnostics and tests). */
    public boolean dozing() { return dozing; }

    /** For tests: sleeps as long as {@code nanos} at most, so that a wake-up a producer failed to give shows as a hang. */
    public void limit(long nanos) { maxNanos = nanos; }

    /** Producer side, after queueing: unparks the agent's thread if it is dozing (one volatile read otherwise). */
    public void wake() {
        if (dozing) LockSupport.unpark(sleeper);
    }

    /**
     * Runner side: sleeps for as long as {@code agent} allows ({@link Agent#dozeNanos}, at most {@link #MAX_NANOS});
     * false when it allowed none (work is queued or due).
     */
    boolean sleep(Agent agent) {
        sleeper = Thread.currentThread();
        dozing = true;
        try {
            long nanos = agent.dozeNanos(); // read after the flag was raised: see the class comment
            if (nanos <= 0) return false;
            LockSupport.parkNanos(Math.min(nanos, maxNanos));
            return true;
        } finally {
            dozing = false;
        }
    }
}
