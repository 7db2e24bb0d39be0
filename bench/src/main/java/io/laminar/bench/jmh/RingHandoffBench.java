package io.laminar.bench.jmh;

import io.laminar.ring.Core;
import io.laminar.ring.IdleStrategy;
import io.laminar.ring.Message;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * MPSC handoff into a Ring 0 core: the benchmark thread offers {@value #BURST} messages to a {@link Core}'s
 * ingress ring (bounded, so a full ring backpressures the producer exactly as it does a writer) and waits until
 * the core thread has run them all. Reported per message: offer + in-flight accounting + poll + dispatch.
 * The same message object is reused, so {@code -prof gc} shows what the ring itself allocates (expected: 0).
 */
@State(Scope.Benchmark)
public class RingHandoffBench extends CoreBenchmark {
    static final int BURST = 4096;

    private Core core;
    private Thread coreThread;
    private volatile boolean running;
    private final AtomicLong done = new AtomicLong();
    private long sent;
    private final Message message = new Message() {
        @Override public void run(Core c) {
            done.lazySet(done.get() + 1); // single writer: the core thread
        }
    };

    @Setup(Level.Trial) public void start() {
        core = new Core(0, new AtomicLong(), false, Throwable::printStackTrace);
        running = true;
        coreThread = new Thread(() -> {
            IdleStrategy idle = new IdleStrategy(50_000);
            while (running) idle.idle(core.doWork());
        }, "bench-core-0");
        coreThread.setDaemon(true);
        coreThread.start();
    }

    @TearDown(Level.Trial) public void stop() throws InterruptedException {
        running = false;
        coreThread.join();
    }

    @Benchmark @OperationsPerInvocation(BURST)
    public long offerBurstAndDrain() {
        for (int i = 0; i < BURST; i++) core.offerIngress(message);
        sent += BURST;
        while (done.get() < sent) Thread.onSpinWait();
        return sent;
    }
}
