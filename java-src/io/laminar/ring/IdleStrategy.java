package io.laminar.ring;

import java.util.concurrent.locks.LockSupport;

/**
 * How an agent thread waits when it found no work: spin briefly (lowest latency when events keep coming), then
 * yield, then park with growing sleeps up to {@code maxParkNanos}; after a while at the longest park an agent that
 * can be woken sleeps until it is ({@link Doze}), so an idle database costs ~no CPU.
 */
public final class IdleStrategy {
    private static final int SPINS = 200;
    private static final int YIELDS = 50;
    /**
     * Parks without work after which the thread is {@link #drowsy}: about twenty milliseconds idle, once the
     * parks have grown to a millisecond (ten doublings from one microsecond).
     */
    private static final int PARKS_BEFORE_DROWSY = 30;
    private final long maxParkNanos;
    /** While positive, the strategy yields instead of parking (null: always free to park). */
    private final java.util.concurrent.atomic.AtomicInteger stayAwake;
    private int idleCount;
    private long parkNanos = 1_000;

    public IdleStrategy(long maxParkNanos) {
        this(maxParkNanos, null);
    }

    /**
     * Parks only while {@code stayAwake} is zero: a latency-sensitive consumer raises it so an idle thread notices
     * new work within a yield (microseconds) instead of a park (up to {@code maxParkNanos}), at the cost of CPU.
     */
    public IdleStrategy(long maxParkNanos, java.util.concurrent.atomic.AtomicInteger stayAwake) {
        this.maxParkNanos = maxParkNanos;
        this.stayAwake = stayAwake;
    }

    public void idle(int workCount) {
        if (workCount > 0) {
            reset();
            return;
        }
        int n = idleCount++;
        if (n < SPINS) {
            Thread.onSpinWait();
        } else if (n < SPINS + YIELDS || (stayAwake != null && stayAwake.get() > 0)) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(parkNanos);
            parkNanos = Math.min(parkNanos * 2, maxParkNanos);
        }
    }

    /**
     * Whether the thread has found no work for so long that it may sleep until woken ({@link Doze}) — never while
     * a consumer asks it to stay awake.
     */
    public boolean drowsy() {
        return idleCount >= SPINS + YIELDS + PARKS_BEFORE_DROWSY && (stayAwake == null || stayAwake.get() == 0);
    }

    /**
     * Polls {@code queue} until it yields an element or {@code nanos} have passed (then null), backing off as
     * {@link #backoff} does: how a producer waits, boundedly, for a pooled object to come back.
     */
    public static <T> T pollWithin(java.util.Queue<T> queue, long nanos) {
        T t = queue.poll();
        long deadline = System.nanoTime() + nanos;
        for (int attempt = 0; t == null && System.nanoTime() - deadline < 0; t = queue.poll()) {
            attempt = backoff(attempt, 100_000);
        }
        return t;
    }

    /**
     * The same back-off for a caller that keeps no strategy object (a producer blocked on a full ring): attempt
     * {@code n} (0, 1, 2, ...) spins, yields or parks; returns {@code n + 1}. No allocation.
     */
    public static int backoff(int n, long maxParkNanos) {
        if (n < SPINS) {
            Thread.onSpinWait();
        } else if (n < SPINS + YIELDS) {
            Thread.yield();
        } else {
            int doublings = Math.min(n - SPINS - YIELDS, 30);
            LockSupport.parkNanos(Math.min(1_000L << doublings, maxParkNanos));
        }
        return n + 1;
    }

    public void reset() {
        idleCount = 0;
        parkNanos = 1_000;
    }
}
