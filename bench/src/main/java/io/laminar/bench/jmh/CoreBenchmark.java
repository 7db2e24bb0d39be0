package io.laminar.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings every core benchmark shares (JMH inherits these annotations): throughput in operations per
 * microsecond, 3 × 1 s warm-up, 5 × 1 s measurement, one fork — short, because the machine is small and shared;
 * override on the command line ({@code -wi 5 -i 10 -f 3}) for publication-grade numbers.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class CoreBenchmark {
}
