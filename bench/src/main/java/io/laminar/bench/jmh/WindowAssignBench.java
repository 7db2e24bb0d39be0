package io.laminar.bench.jmh;

import io.laminar.operator.window.WindowSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Window assignment: the ends of every window a row's timestamp falls in, for Nexmark's shapes — TUMBLE 10 s,
 * HOP 2 s / 10 s (five windows per row) and CUMULATE 2 s / 10 s — over 1024 timestamps 100 µs apart (the
 * generator's default event-time spacing). Reported per row; allocation per row should be 0.
 */
@State(Scope.Thread)
public class WindowAssignBench extends CoreBenchmark {
    @Param({"TUMBLE", "HOP", "CUMULATE"})
    public String kind;

    private WindowSpec spec;
    private final long[] times = new long[Fixtures.BATCH_ROWS];
    private long[] ends;

    @Setup public void setup() {
        spec = switch (kind) {
            case "TUMBLE" -> WindowSpec.tumble(10_000, 0);
            case "HOP" -> WindowSpec.hop(2_000, 10_000, 0);
            case "CUMULATE" -> WindowSpec.cumulate(2_000, 10_000, 0);
            default -> throw new IllegalArgumentException("kind must be TUMBLE, HOP or CUMULATE, not " + kind);
        };
        ends = new long[spec.maxWindowsPerRow()];
        long t0 = 1_767_225_600_000L;
        for (int i = 0; i < times.length; i++) times[i] = t0 + i / 10;
    }

    @Benchmark @OperationsPerInvocation(Fixtures.BATCH_ROWS)
    public long assign() {
        long sum = 0;
        for (long t : times) {
            int n = spec.windowEnds(t, ends);
            for (int i = 0; i < n; i++) sum += ends[i];
        }
        return sum;
    }
}
