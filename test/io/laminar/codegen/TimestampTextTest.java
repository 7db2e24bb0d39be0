package io.laminar.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** CAST(TIMESTAMP AS VARCHAR) with its cache of recent texts: always the text of the value and precision asked for. */
class TimestampTextTest {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

    @Test void everyTimestampFormatsAsTheJavaTimeReferenceDoesWhateverTheCacheHolds() {
        Random random = new Random(42);
        long base = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 200_000; i++) {
            // clustered times (cache hits and slot collisions 1,024 ms apart), spread times, and times before 1970
            long millis = switch (i % 3) {
                case 0 -> base + random.nextInt(5_000);
                case 1 -> base + random.nextLong(1L << 40) - (1L << 39);
                default -> -random.nextLong(1L << 41);
            };
            int precision = random.nextBoolean() ? 3 : 0;
            LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
            String expected = (precision > 0 ? MILLIS : SECONDS).format(t);
            assertEquals(expected, Functions.timestampToString(millis, precision), millis + " at precision " + precision);
        }
    }

    @Test void aFreshMemoAndYearsBeyondFourDigitsGiveTheirOwnText() {
        // a fresh memo holds millis 0 and precision 0 in its fields: the epoch at precision 0 must not hit it
        assertEquals("1970-01-01 00:00:00", Functions.timestampToString(0, 0, new Functions.LastCall()));
        assertEquals("1970-01-01 00:00:00.000", Functions.timestampToString(0, 3, new Functions.LastCall()));
        long day = 86_400_000L;
        for (long days : new long[] {2_932_897L, 3_000_000L, -719_529L, -800_000L}) { // 10000-01-01, later, -0001, earlier
            long millis = days * day + 45_296_789L; // 12:34:56.789
            String date = java.time.LocalDate.ofEpochDay(days).toString();
            assertEquals(date + " 12:34:56.789", Functions.timestampToString(millis, 3));
            assertEquals(date + " 12:34:56", Functions.timestampToString(millis, 0, new Functions.LastCall()));
        }
    }

    @Test void theCallSitesMemoGivesTheSameTextAsTheCacheAndTheSameObjectForARepeatedMillisecond() {
        Random random = new Random(7);
        Functions.LastCall memo = new Functions.LastCall();
        long millis = Instant.parse("2026-03-01T23:59:58Z").toEpochMilli();
        String previous = null;
        long previousMillis = Long.MIN_VALUE;
        int previousPrecision = -1;
        for (int i = 0; i < 50_000; i++) {
            // runs of equal times (as events of one millisecond arrive), steps across seconds and days, epoch 0
            // (the memo's initial value) and precision changes at one call site
            millis = switch (random.nextInt(6)) {
                case 0 -> millis + random.nextInt(3_000);
                case 1 -> 0;
                default -> millis;
            };
            int precision = random.nextInt(10) == 0 ? 0 : 3;
            String text = Functions.timestampToString(millis, precision, memo);
            assertEquals(Functions.timestampToString(millis, precision), text, millis + " at precision " + precision);
            if (millis == previousMillis && precision == previousPrecision) assertSame(previous, text);
            previous = text;
            previousMillis = millis;
            previousPrecision = precision;
        }
    }
}
