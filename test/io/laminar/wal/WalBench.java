package io.laminar.wal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Benchmark (not a test): WAL append throughput and acknowledgement latency per fsync policy, with 1 and 4 writer
 * threads (group commit shows with 4). Each append is a 100-byte record followed by {@link WriteAheadLog#awaitDurable}
 * — what a {@code SourceWriter.write} costs on top of the engine.
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat target/classpath.txt) io.laminar.wal.WalBench [appendsPerThread] [dir]</pre>
 */
public final class WalBench {
    public static void main(String[] args) throws Exception {
        int perThread = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        Path base = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("laminar-walbench");
        System.out.printf("%-14s %7s %12s %10s %10s %10s%n", "policy", "threads", "appends/s", "p50 us", "p99 us", "max us");
        boolean warmUp = true; // the first round only warms up the JIT; it is run again and printed
        for (FsyncPolicy policy : List.of(FsyncPolicy.NONE, FsyncPolicy.NONE, FsyncPolicy.interval(10), FsyncPolicy.BATCH)) {
            for (int threads : new int[] {1, 4}) {
                Path dir = base.resolve(policy.kind() + "-" + threads + (warmUp ? "-warmup" : ""));
                Histogram h = new Histogram(3);
                long elapsed;
                try (WriteAheadLog wal = WriteAheadLog.open(dir, 64L << 20, policy, System.err::println)) {
                    Thread syncer = null;
                    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
                    if (policy.kind() == FsyncPolicy.Kind.INTERVAL) { // what Durability runs for this policy
                        syncer = new Thread(() -> {
                            while (!done.get()) {
                                java.util.concurrent.locks.LockSupport.parkNanos(policy.intervalMillis() * 1_000_000L);
                                wal.syncAll();
                            }
                        });
                        syncer.setDaemon(true);
                        syncer.start();
                    }
                    List<Thread> ts = new ArrayList<>();
                    long t0 = System.nanoTime();
                    for (int t = 0; t < threads; t++) {
                        Thread th = new Thread(() -> {
                            byte[] payload = new byte[100];
                            Histogram mine = new Histogram(3);
                            for (int i = 0; i < perThread; i++) {
                                long s = System.nanoTime();
                                wal.awaitDurable(wal.append(WalRecordDescriptor.TYPE_ROWS, payload, 0, payload.length));
                                mine.recordValue((System.nanoTime() - s) / 1000);
                            }
                            synchronized (h) {
                                h.add(mine);
                            }
                        });
                        ts.add(th);
                        th.start();
                    }
                    for (Thread th : ts) th.join();
                    elapsed = System.nanoTime() - t0;
                    done.set(true);
                    if (syncer != null) syncer.join();
                }
                if (warmUp) continue;
                double rate = (double) perThread * threads / (elapsed / 1e9);
                System.out.printf("%-14s %7d %12.0f %10d %10d %10d%n", policy, threads, rate, h.getValueAtPercentile(50),
                        h.getValueAtPercentile(99), h.getMaxValue());
            }
            warmUp = false;
        }
    }
}
