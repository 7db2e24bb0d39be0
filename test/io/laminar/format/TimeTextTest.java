package io.laminar.format;

import static org.junit.jupiter.api.Assertions.*;

import io.laminar.data.Values;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written fast paths agree with {@link Values}, the reference. */
class TimeTextTest {
    @Test void parseAgreesWithValues() {
        String[] texts = {"2026-01-01T00:00:05", "2026-01-01 00:00:05.123", "2026-01-01T00:00:05Z", "2026-01-01T02:00:05+02:00",
            "2024-02-29T23:59:59.999", "1970-01-01T00:00:00", "1969-12-31T23:59:59.001", "0001-01-01T00:00:00",
            "9999-12-31T23:59:59.999", "2026-06-15T12:30", "2026-06-15", " 2026-06-15T12:30:00.5 ",
            "2026-06-15T12:30:00.123456", "1767225605000", "-1000"};
        for (String t : texts) {
            char[] c = t.toCharArray();
            long fast = TimeText.parseTimestamp(c, 0, c.length);
            assertNotEquals(TimeText.NO_FAST_PATH, fast, t);
            assertEquals(Values.parseTimestamp(t), fast, t);
        }
        char[] compact = "2026-06-15T12:30:00-0330".toCharArray(); // +hhmm: more than Values reads
        assertEquals(Values.parseTimestamp("2026-06-15T12:30:00-03:30"), TimeText.parseTimestamp(compact, 0, compact.length));
        for (String t : new String[] {"2026-02-30T00:00:00", "2026-01-01T24:00:00", "2026-01-01X00:00", "2026-1-1", "x"}) {
            char[] c = t.toCharArray();
            assertEquals(TimeText.NO_FAST_PATH, TimeText.parseTimestamp(c, 0, c.length), t);
        }
    }

    @Test void formatAgreesWithValues() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            long ms = rnd.nextLong(-62_135_596_800_000L, 253_402_300_799_999L);
            StringBuilder sb = new StringBuilder();
            TimeText.appendTimestamp(ms, sb);
            assertEquals(Values.formatTimestamp(ms), sb.toString());
            char[] c = sb.toString().toCharArray();
            assertEquals(ms, TimeText.parseTimestamp(c, 0, c.length));
        }
    }
}
