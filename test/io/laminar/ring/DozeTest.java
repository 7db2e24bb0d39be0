package io.laminar.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An idle core thread sleeps until woken ({@link Doze}) instead of polling, and every way of queueing work that its
 * producer will not run itself wakes it. The sleep's bound is raised to an hour here, so a missing wake-up shows as
 * work that never runs (the waits below give up after ten seconds), not as a delay.
 */
class DozeTest {
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    private static final class Latch extends Message {
        final CountDownLatch ran = new CountDownLatch(1);
        final AtomicReference<String> thread = new AtomicReference<>();

        @Override public void run(Core core) {
            thread.set(Thread.currentThread().getName());
            ran.countDown();
        }
    }

    private static final class DozingCore implements AutoCloseable {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final Core core;
        final AgentRunner runner;

        DozingCore(boolean inline) {
            core = new Core(0, new AtomicLong(), inline, errors::add);
            core.doze().limit(HOUR);
            runner = new AgentRunner(core, new IdleStrategy(1_000_000), errors::add);
            core.setThread(runner.thread());
            runner.start();
        }

        /** Waits until the core thread has gone to sleep (it does after some twenty idle milliseconds). */
        void awaitDozing() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!core.doze().dozing() && System.nanoTime() < deadline) Thread.sleep(1);
            assertTrue(core.doze().dozing(), "an idle core thread dozes");
        }

        @Override public void close() {
            runner.close();
        }
    }

    @Test void workQueuedForTheCoreThreadWakesItFromItsDoze() throws Exception {
        for (boolean inline : new boolean[] {true, false}) {
            try (DozingCore dc = new DozingCore(inline)) {
                // a writer holding a lock, a barrier: queued for the core thread, which must be woken to run it
                dc.awaitDozing();
                Latch ingress = new Latch();
                dc.core.offerIngress(ingress);
                assertTrue(ingress.ran.await(10, TimeUnit.SECONDS), "ingress work ran (inline " + inline + ")");
                assertEquals("laminar-core-0", ingress.thread.get());

                // a signal another core or the control plane sends through the exchange
                dc.awaitDozing();
                Latch exchange = new Latch();
                dc.core.offerExchange(exchange);
                assertTrue(exchange.ran.await(10, TimeUnit.SECONDS), "exchange work ran (inline " + inline + ")");

                // a producer that helps, where inline execution is off: the core thread runs it, so it is woken
                dc.awaitDozing();
                Latch helped = new Latch();
                dc.core.offerIngressAndHelp(helped);
                assertTrue(helped.ran.await(10, TimeUnit.SECONDS), "helped work ran (inline " + inline + ")");
                assertEquals(inline ? Thread.currentThread().getName() : "laminar-core-0", helped.thread.get(),
                        "with inline execution a helping producer runs the work of a dozing core itself");
                assertEquals(List.of(), dc.errors);
            }
        }
    }

    @Test void aDozingCoreWakesForItsTimer() throws Exception {
        try (DozingCore dc = new DozingCore(true)) {
            dc.awaitDozing();
            CountDownLatch ticked = new CountDownLatch(3);
            java.util.concurrent.atomic.AtomicBoolean dozedBetweenTicks = new java.util.concurrent.atomic.AtomicBoolean();
            // added by a message this thread runs inline (the core is idle): the dozing core thread must learn of it
            dc.core.offerIngressAndHelp(new Message() {
                @Override public void run(Core core) {
                    core.addTimer(new Core.TimerTask() {
                        @Override public boolean onTick(long nowMillis) {
                            ticked.countDown();
                            return true;
                        }

                        @Override public long intervalMillis() { return 200; }
                    });
                }
            });
            Thread watcher = new Thread(() -> {
                while (ticked.getCount() > 0) {
                    if (ticked.getCount() < 3 && dc.core.doze().dozing()) dozedBetweenTicks.set(true);
                    Thread.onSpinWait();
                }
            });
            watcher.setDaemon(true);
            watcher.start();
            // later ticks come after the thread, idle again, dozed: only the timer's bound on the doze wakes it
            assertTrue(ticked.await(10, TimeUnit.SECONDS), "the timer ticked while the core was otherwise idle");
            watcher.join(10_000);
            assertTrue(dozedBetweenTicks.get(), "the core thread dozed between ticks");
        }
    }

    @Test void aWriterThatQueuesWithoutWakingStillGetsRoomInAFullRing() throws Exception {
        try (DozingCore dc = new DozingCore(true)) {
            dc.awaitDozing();
            // a writer under its lock queues without waking (it runs the work once it holds no lock); more messages
            // than the ring holds: the full ring must wake the core thread, the only one that can make room
            int messages = 4 * Core.INGRESS_CAPACITY;
            CountDownLatch ran = new CountDownLatch(messages);
            Thread writer = new Thread(() -> {
                for (int i = 0; i < messages; i++) {
                    dc.core.queueIngress(new Message() {
                        @Override public void run(Core core) {
                            ran.countDown();
                        }
                    });
                }
                dc.core.helpIfIdle(); // the writer's afterWrite: runs what is left, if the core thread has not
            }, "writer");
            writer.setDaemon(true); // left blocked on the full ring if the core thread is never woken
            writer.start();
            assertTrue(ran.await(10, TimeUnit.SECONDS), "every message ran");
            assertEquals(List.of(), dc.errors);
        }
    }
}
