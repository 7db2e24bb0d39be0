package io.laminar.bench;

import io.laminar.bench.latency.LatencyBench;
import io.laminar.bench.nexmark.NexmarkBench;
import io.laminar.LaminarException;
import java.util.Arrays;

/**
 * {@code bin/laminar bench <nexmark|latency|jmh> [options]}: the entry point of the benchmark build.
 * {@code jmh} hands its arguments to JMH's own runner (e.g. {@code bench jmh CalcKernelBench -prof gc}).
 */
public final class BenchMain {
    private BenchMain() {}

    static final String USAGE = """
            usage: bin/laminar bench nexmark [--events N] [--queries q0,q1,...|all] [--engines laminar,flink,esper]
                                             [--out DIR] [--cores N] [--warmup N] [--dump] [--timeout-seconds S]
                   bin/laminar bench latency [--rate N] [--seconds S] [--warmup-seconds W]
                                             [--queries stateless,windowed] [--cores N] [--out DIR]
                   bin/laminar bench jmh [JMH options, e.g. RingHandoffBench -prof gc]""";

    public static void main(String[] argv) throws Exception {
        String command = argv.length == 0 ? "nexmark" : argv[0];
        String[] rest = argv.length == 0 ? argv : Arrays.copyOfRange(argv, 1, argv.length);
        try {
            switch (command) {
                case "nexmark" -> System.exit(NexmarkBench.run(rest, System.out));
                case "latency" -> System.exit(LatencyBench.run(rest, System.out));
                case "jmh" -> org.openjdk.jmh.Main.main(rest);
                case "help", "--help", "-h" -> System.out.println(USAGE);
                default -> {
                    System.err.println("laminar bench: unknown benchmark '" + command + "'\n" + USAGE);
                    System.exit(2);
                }
            }
        } catch (LaminarException e) {
            System.err.println("laminar bench " + command + ": " + e.getMessage());
            System.exit(2);
        }
    }
}
