package io.laminar.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyBenchTest {
    @Test void theTriggerOfAWindowIsTheFirstEventAtOrPastItsEnd() {
        long base = 1_000_000L;
        for (long rate : new long[] {1_000, 3_000, 100_000, 1_000_000, 7_777}) {
            for (long end = base + 10; end < base + 100; end += 10) {
                long s = LatencyBench.triggerOf(end, base, rate);
                assertTrue(base + LatencyBench.dueNanos(s, rate) / 1_000_000 >= end, "rate " + rate);
                assertTrue(base + LatencyBench.dueNanos(s - 1, rate) / 1_000_000 < end, "rate " + rate);
            }
        }
    }

    @Test void eventsAreDueOnAFixedSchedule() {
        assertEquals(0, LatencyBench.dueNanos(0, 1_000_000));
        assertEquals(1_000, LatencyBench.dueNanos(1, 1_000_000));
        assertEquals(2_500_000_000L, LatencyBench.dueNanos(250_000, 100_000));
    }
}
