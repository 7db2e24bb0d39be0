package io.laminar.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
