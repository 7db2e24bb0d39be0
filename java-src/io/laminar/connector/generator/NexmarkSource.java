package io.laminar.connector.generator;

import io.laminar.connector.SourceConnector;
import io.laminar.connector.SourceContext;
import java.util.concurrent.locks.LockSupport;

/**
 * A running Nexmark source: walks the event numbers of the whole stream and writes the events of its table
 * straight into the context's batch. Unpaced it runs flat out; paced ({@code rate > 0}) event {@code n} is due at
 * {@code start + n / rate} seconds of wall-clock time, so oversleeping is caught up rather than accumulated, and
 * buffered rows are flushed before each wait (at most every {@link #FLUSH_NANOS} while keeping up) so they reach
 * the engine even at low rates. Single-threaded: runs on the thread the engine gives it.
 */
final class NexmarkSource implements SourceConnector {
    /** While paced, buffered rows are pushed at least this often. */
    static final long FLUSH_NANOS = 10_000_000L;
    /** How many events between two looks at {@link SourceContext#isStopped()} when running flat out. */
    static final int STOP_CHECK_EVENTS = 1024;
    private static final long MAX_PARK_NANOS = 10_000_000L;

    private final GeneratorConnector.Spec spec;

    NexmarkSource(GeneratorConnector.Spec spec) {
        this.spec = spec;
    }

    @Override public boolean isBounded() { return spec.events() > 0; }

    @Override public void run(SourceContext ctx) {
        NexmarkGenerator generator = new NexmarkGenerator(spec.config());
        NexmarkTable table = spec.table();
        int[] map = spec.columnMap();
        long end = spec.events() > 0 ? spec.events() : Long.MAX_VALUE;
        long rate = spec.rate();
        long start = System.nanoTime();
        long lastFlush = start;
        int untilStopCheck = STOP_CHECK_EVENTS;
        for (long n = NexmarkGenerator.nextEventOf(0, table); n < end; n = NexmarkGenerator.nextEventOf(n + 1, table)) {
            if (rate > 0) {
                long due = start + nanosFor(n, rate);
                long now = System.nanoTime();
                if (now - due < 0) {
                    if (due - now > 1_000_000L || now - lastFlush > FLUSH_NANOS) {
                        ctx.flush();
                        lastFlush = now;
                    }
                    while ((now = System.nanoTime()) - due < 0) {
                        if (ctx.isStopped()) {
                            ctx.flush();
                            return;
                        }
                        LockSupport.parkNanos(Math.min(due - now, MAX_PARK_NANOS));
                    }
                } else if (now - lastFlush > FLUSH_NANOS) {
                    ctx.flush();
                    lastFlush = now;
                }
            }
            generator.write(n, table, ctx.batch(), map);
            ctx.rowAdded();
            if (--untilStopCheck == 0) {
                untilStopCheck = STOP_CHECK_EVENTS;
                if (ctx.isStopped()) break;
            }
        }
        ctx.flush();
    }

    /** Wall-clock offset of event {@code n} at {@code rate} events/s, exact and overflow-free for rate <= 1e9. */
    static long nanosFor(long n, long rate) {
        return (n / rate) * 1_000_000_000L + (n % rate) * 1_000_000_000L / rate;
    }

    @Override public String toString() {
        return "#<laminar source " + spec.sourceName() + " {:connector :generator, :kind :nexmark, :table :"
                + spec.table().tableName() + ", :events " + spec.events() + ", :rate " + spec.rate() + "}>";
    }
}
