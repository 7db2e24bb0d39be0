package io.laminar.bench.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The Esper helpers must compute exactly what Flink's built-ins do, or the results check would cry wolf. */
class NexmarkFunctionsTest {
    private static final String URL = "https://www.nexmark.com/abc/d_e/fg/item.htm?query=1&channel_id=12345";

    @Test void splitIndexCountsFromZeroLikeFlink() {
        assertEquals("https:", NexmarkFunctions.splitIndex(URL, 0));
        assertEquals("abc", NexmarkFunctions.splitIndex(URL, 3));
        assertEquals("d_e", NexmarkFunctions.splitIndex(URL, 4));
        assertEquals("fg", NexmarkFunctions.splitIndex(URL, 5));
        assertNull(NexmarkFunctions.splitIndex(URL, 7));
    }

    @Test void channelIdIsTheSecondGroupOrNull() {
        assertEquals("12345", NexmarkFunctions.channelId(URL));
        assertNull(NexmarkFunctions.channelId("https://www.nexmark.com/a/b/c/item.htm?query=1"));
    }

    @Test void timesFormatInUtc() {
        long t = 1_767_225_600_000L + 13 * 3_600_000L + 7 * 60_000L + 59_999L; // 2026-01-01T13:07:59.999Z
        assertEquals("2026-01-01", NexmarkFunctions.dayOf(t));
        assertEquals("13:07", NexmarkFunctions.minuteOf(t));
        assertEquals(13, NexmarkFunctions.hourOf(t));
        assertEquals(1_767_225_600_000L + 13 * 3_600_000L + 7 * 60_000L + 50_000L,
                NexmarkFunctions.windowStart(t, 10_000, 0));
        assertEquals(1_767_225_600_000L + 13 * 3_600_000L + 7 * 60_000L + 52_000L,
                NexmarkFunctions.windowStart(t, 10_000, 2_000));
    }

    @Test void eurosAreExact() {
        assertEquals(0, new BigDecimal("908.000").compareTo(NexmarkFunctions.toEuros(1000)));
    }
}
