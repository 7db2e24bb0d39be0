package io.laminar.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A core whose producers may run its work on their own threads: one owner at a time (state touched without locks
 * is never touched by two threads at once), each producer's messages in the order it sent them, failures to the
 * core's error handler rather than the producer, and nothing inline when the option is off.
 */
class InlineExecutionTest {
    private static final int PRODUCERS = 3;
    private static final int PER_PRODUCER = 50_000;

    /** Unsynchronised state as an operator keeps it: only correct if at most one thread runs the core at a time. */
    private static final class CoreState {
        long counter;
        final long[] lastSeq = new long[PRODUCERS + 1];
        long outOfOrder;
        int running;
        int overlaps;
    }

    private static final class Step extends Message {
        final CoreState state;
        final int producer;
        final long seq;
        final Set<String> threads;

        Step(CoreState state, int producer, long seq, Set<String> threads) {
            this.state = state;
            this.producer = producer;
            this.seq = seq;
            this.threads = threads;
        }

        @Override public void run(Core core) {
            CoreState s = state;
            if (s.running++ != 0) s.overlaps++;
            long c = s.counter;
            Thread.onSpinWait();
            s.counter = c + 1; // a lost update if another thread ran here at the same time
            if (seq <= s.lastSeq[producer]) s.outOfOrder++;
            s.lastSeq[producer] = seq;
            if ((seq & 1023) == 0) threads.add(Thread.currentThread().getName());
            s.running--;
        }
    }

    /** A core with its thread running, as the dataflow sets one up; errors of either path collected. */
    private static final class RunningCore implements AutoCloseable {
        final AtomicLong inFlight = new AtomicLong();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final Core core;
        final AgentRunner runner;

        RunningCore(boolean inline) {
            core = new Core(0, inFlight, inline, errors::add);
            runner = new AgentRunner(core, new IdleStrategy(1_000_000), errors::add);
            core.setThread(runner.thread());
            runner.start();
        }

        void awaitDrained() throws InterruptedException {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (inFlight.get() > 0 && System.nanoTime() < deadline) Thread.sleep(1);
            assertEquals(0, inFlight.get(), "every message ran");
        }

        @Override public void close() {
            runner.close();
        }
    }

    @Test
    void producersAndTheCoreThreadNeverRunTheCoreAtOnceAndEachProducersOrderIsKept() throws Exception {
        CoreState state = new CoreState();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Throwable> errors;
        try (RunningCore rc = new RunningCore(true)) {
            Core core = rc.core;
            errors = rc.errors;
            List<Thread> producers = new ArrayList<>();
            for (int p = 1; p <= PRODUCERS; p++) {
                int id = p;
                producers.add(new Thread(() -> {
                    for (long seq = 1; seq <= PER_PRODUCER; seq++) {
                        core.offerIngress(new Step(state, id, seq, threads));
                        core.helpIfIdle(); // what a producer does after queueing, holding no lock
                        // and routed work as another core would send it, which only the owner may run
                        if (seq % 10 == 0) core.offerExchange(new Step(state, 0, Long.MAX_VALUE, threads));
                    }
                }, "producer-" + p));
            }
            producers.forEach(Thread::start);
            for (Thread t : producers) t.join();
            rc.awaitDrained();
        }
        assertEquals(List.of(), errors);
        long routed = PRODUCERS * (PER_PRODUCER / 10);
        assertEquals(PRODUCERS * (long) PER_PRODUCER + routed, state.counter, "no lost updates: one owner at a time");
        assertEquals(0, state.overlaps, "no two threads inside the core at once");
        // the routed messages all carry the same sequence; only the producers' count for order
        assertEquals(routed - 1, state.outOfOrder, "each producer's messages ran in the order it sent them");
        assertTrue(threads.stream().anyMatch(t -> t.startsWith("producer-")), "some work ran inline: " + threads);
    }

    @Test
    void aFailureRunInlineGoesToTheCoresHandlerAndTheCoreGoesOn() throws Exception {
        CoreState state = new CoreState();
        try (RunningCore rc = new RunningCore(true)) {
            rc.core.offerIngress(new Message() {
                @Override public void run(Core c) {
                    throw new IllegalStateException("operator failed");
                }
            });
            rc.core.helpIfIdle();
            for (long seq = 1; seq <= 100; seq++) {
                rc.core.offerIngress(new Step(state, 1, seq, ConcurrentHashMap.newKeySet()));
                rc.core.helpIfIdle();
            }
            rc.awaitDrained();
            assertEquals(1, rc.errors.size());
            assertEquals("operator failed", rc.errors.get(0).getMessage());
        }
        assertEquals(100, state.counter);
    }

    /** Closing seals the core: a connector still flushing afterwards only queues, nothing runs on closed state. */
    @Test
    void aSealedCoreRunsNothingMoreOnAnyThread() throws Exception {
        CoreState state = new CoreState();
        try (RunningCore rc = new RunningCore(true)) {
            assertTrue(rc.core.seal(1_000));
            rc.core.offerIngress(new Step(state, 1, 1, ConcurrentHashMap.newKeySet()));
            rc.core.helpIfIdle();
            Thread.sleep(20); // the core thread's turn too
            assertEquals(0, state.counter, "queued, never run");
            assertEquals(1, rc.inFlight.get());
        }
    }

    @Test
    void withInlineExecutionOffEveryMessageRunsOnTheCoreThread() throws Exception {
        CoreState state = new CoreState();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (RunningCore rc = new RunningCore(false)) {
            for (long seq = 0; seq < 5_000; seq++) {
                rc.core.offerIngress(new Step(state, 1, seq + 1, threads));
                rc.core.helpIfIdle(); // a no-op with inline execution off
            }
            rc.awaitDrained();
            assertEquals(java.util.List.of(), rc.errors);
        }
        assertEquals(5_000, state.counter);
        assertEquals(Set.of("laminar-core-0"), threads);
    }
}
