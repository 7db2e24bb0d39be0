package io.laminar.bench.nexmark;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static helpers the Esper statements call for what Flink and Laminar have as SQL built-ins (Esper users import
 * such a class). Times are epoch milliseconds, UTC. Public because the EPL compiler's generated code calls them.
 */
public final class NexmarkFunctions {
    private static final BigDecimal EURO_RATE = new BigDecimal("0.908");
    private static final Pattern CHANNEL_ID = Pattern.compile("(&|^)channel_id=([^&]*)");

    private NexmarkFunctions() {}

    /** {@code 0.908 * price} as an exact decimal, as SQL's {@code 0.908 * price} is. */
    public static BigDecimal toEuros(long price) {
        return EURO_RATE.multiply(BigDecimal.valueOf(price));
    }

    /** Hour of day, 0..23. */
    public static int hourOf(long millis) {
        return (int) Math.floorMod(millis, 86_400_000L) / 3_600_000;
    }

    /** {@code yyyy-MM-dd} of a time (Flink's {@code DATE_FORMAT(t, 'yyyy-MM-dd')}). */
    public static String dayOf(long millis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC);
        return t.toLocalDate().toString();
    }

    /** {@code HH:mm} of a time (Flink's {@code DATE_FORMAT(t, 'HH:mm')}). */
    public static String minuteOf(long millis) {
        int m = (int) (Math.floorMod(millis, 86_400_000L) / 60_000);
        return (m / 60 < 10 ? "0" : "") + m / 60 + ":" + (m % 60 < 10 ? "0" : "") + m % 60;
    }

    /** Start of the window of length {@code size} aligned to {@code offset} that holds {@code millis}. */
    public static long windowStart(long millis, long size, long offset) {
        return Math.floorDiv(millis - offset, size) * size + offset;
    }

    /** Flink's {@code REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2)}: null when the url has no channel id. */
    public static String channelId(String url) {
        Matcher m = CHANNEL_ID.matcher(url);
        return m.find() ? m.group(2) : null;
    }

    /** Flink's {@code SPLIT_INDEX(s, '/', index)}: the index-th part of s split at '/', or null. */
    public static String splitIndex(String s, int index) {
        int start = 0;
        for (int i = 0; i < index; i++) {
            int slash = s.indexOf('/', start);
            if (slash < 0) return null;
            start = slash + 1;
        }
        int end = s.indexOf('/', start);
        return end < 0 ? s.substring(start) : s.substring(start, end);
    }
}
