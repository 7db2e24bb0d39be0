package io.laminar.exec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.ring.AgentRunner;
import io.laminar.ring.IdleStrategy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The delivery thread dozes when idle ({@link io.laminar.ring.Doze}) and an item queued for it wakes it. The doze's
 * bound is raised to an hour, so a missing wake-up shows as an item that never arrives, not as a delay.
 */
class DeliveryDozeTest {
    @Test void anItemQueuedForADozingDeliveryThreadWakesIt() throws Exception {
        Delivery delivery = new Delivery(new AtomicLong());
        delivery.doze().limit(TimeUnit.HOURS.toNanos(1));
        AgentRunner runner = new AgentRunner(delivery, new IdleStrategy(1_000_000), Throwable::printStackTrace).start();
        try {
            for (int round = 0; round < 3; round++) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!delivery.doze().dozing() && System.nanoTime() < deadline) Thread.sleep(1);
                assertTrue(delivery.doze().dozing(), "the idle delivery thread dozes");
                CountDownLatch ran = new CountDownLatch(1);
                delivery.runTask(ran::countDown);
                assertTrue(ran.await(10, TimeUnit.SECONDS), "the task queued in round " + round + " ran");
            }
        } finally {
            runner.close();
        }
    }
}
