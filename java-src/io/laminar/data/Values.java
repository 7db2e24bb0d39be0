package io.laminar.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Conversions between the Java values users pass and read (boxed, friendly types) and a column's storage.
 *
 * <p>Java forms: BOOLEAN {@link Boolean}; TINYINT/SMALLINT/INTEGER {@link Integer}; BIGINT {@link Long};
 * FLOAT/DOUBLE {@link Double}; DECIMAL {@link BigDecimal}; VARCHAR {@link String}; TIMESTAMP {@link Instant} (UTC);
 * DATE {@link LocalDate}; TIME {@link LocalTime}; day-time intervals {@link Duration}; year-month intervals
 * {@link Long} months. Inputs are accepted more liberally (any {@link Number}, ISO strings, epoch millis,
 * {@link java.util.Date}, {@link LocalDateTime}, ...). A value that does not fit throws
 * {@link IllegalArgumentException} saying what was expected; callers add the column name.
 */
public final class Values {
    private Values() {}

    /** ISO-8601 date-time with a 'T' or a space, optional seconds and fraction, optional zone or offset. */
    private static final DateTimeFormatter TIMESTAMP_PARSER = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffsetId().optionalEnd()
            .optionalStart().appendLiteral('[').appendZoneRegionId().appendLiteral(']').optionalEnd()
            .toFormatter();

    /** Timestamps written out: ISO local date-time with milliseconds, e.g. {@code 2026-01-01T00:00:05.000}. */
    public static final DateTimeFormatter TIMESTAMP_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    public static Object toJava(ColumnType type, long l, double d, Object o) {
        return switch (type) {
            case BOOLEAN -> l != 0;
            case TINYINT, SMALLINT, INTEGER -> (int) l;
            case BIGINT -> l;
            case FLOAT, DOUBLE -> d;
            case DECIMAL, VARCHAR, VARBINARY -> o;
            case TIMESTAMP -> Instant.ofEpochMilli(l);
            case DATE -> LocalDate.ofEpochDay(l);
            case TIME -> LocalTime.ofNanoOfDay(l * 1_000_000L);
            case INTERVAL_MILLIS -> Duration.ofMillis(l);
            case INTERVAL_MONTHS -> l;
        };
    }

    /** Whether {@code x} is a value of {@code type}'s width: TINYINT/SMALLINT/INTEGER ranges, BOOLEAN 0 or 1. */
    public static boolean fits(ColumnType type, long x) {
        return switch (type) {
            case BOOLEAN -> x == 0 || x == 1;
            case TINYINT -> x >= Byte.MIN_VALUE && x <= Byte.MAX_VALUE;
            case SMALLINT -> x >= Short.MIN_VALUE && x <= Short.MAX_VALUE;
            case INTEGER -> x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE;
            default -> true;
        };
    }

    public static long toLong(ColumnType type, Object v) {
        switch (type) {
            case BOOLEAN:
                if (v instanceof Boolean b) return b ? 1 : 0;
                if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(s) ? 1 : 0;
                }
                throw mismatch(type, v, "true or false");
            case TINYINT: case SMALLINT: case INTEGER: case BIGINT: {
                long x = integral(type, v);
                if (!fits(type, x)) throw new IllegalArgumentException("value " + v + " is out of range for " + type.sqlName());
                return x;
            }
            case TIMESTAMP:
                return timestampMillis(v);
            case DATE:
                if (v instanceof LocalDate d) return d.toEpochDay();
                if (v instanceof String s) {
                    try { return LocalDate.parse(s.trim()).toEpochDay(); }
                    catch (DateTimeParseException e) { throw mismatch(type, v, "an ISO date such as 2026-01-31"); }
                }
                if (v instanceof Number n && !(v instanceof Double || v instanceof Float)) return n.longValue();
                throw mismatch(type, v, "a date (LocalDate or 'YYYY-MM-DD')");
            case TIME:
                if (v instanceof LocalTime t) return t.toNanoOfDay() / 1_000_000L;
                if (v instanceof String s) {
                    try { return LocalTime.parse(s.trim()).toNanoOfDay() / 1_000_000L; }
                    catch (DateTimeParseException e) { throw mismatch(type, v, "a time such as 12:30:00"); }
                }
                if (v instanceof Number n) return n.longValue();
                throw mismatch(type, v, "a time (LocalTime or 'HH:MM:SS')");
            case INTERVAL_MILLIS:
                if (v instanceof Duration d) return d.toMillis();
                if (v instanceof Number n) return n.longValue();
                throw mismatch(type, v, "a Duration or milliseconds");
            case INTERVAL_MONTHS:
                if (v instanceof Number n) return n.longValue();
                throw mismatch(type, v, "a number of months");
            default:
                throw new IllegalStateException(type + " is not stored as long");
        }
    }

    private static long integral(ColumnType type, Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            try { return b.longValueExact(); } catch (ArithmeticException e) { throw mismatch(type, v, "an integer that fits"); }
        }
        if (v instanceof BigDecimal b) {
            try { return b.longValueExact(); } catch (ArithmeticException e) { throw mismatch(type, v, "a whole number"); }
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d)) return (long) d;
            throw mismatch(type, v, "a whole number");
        }
        if (v instanceof String s) {
            try { return Long.parseLong(s.trim()); } catch (NumberFormatException e) { throw mismatch(type, v, "an integer"); }
        }
        throw mismatch(type, v, "an integer");
    }

    public static double toDouble(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            try { return Double.parseDouble(s.trim()); } catch (NumberFormatException e) { throw mismatch(ColumnType.DOUBLE, v, "a number"); }
        }
        throw mismatch(ColumnType.DOUBLE, v, "a number");
    }

    public static Object toObject(ColumnType type, Object v) {
        switch (type) {
            case VARCHAR:
                if (v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Character) return v.toString();
                if (v instanceof CharSequence cs) return cs.toString();
                throw mismatch(type, v, "a string");
            case DECIMAL:
                if (v instanceof BigDecimal b) return b;
                if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) return BigDecimal.valueOf(((Number) v).longValue());
                if (v instanceof BigInteger b) return new BigDecimal(b);
                if (v instanceof Double || v instanceof Float) return BigDecimal.valueOf(((Number) v).doubleValue());
                if (v instanceof String s) {
                    try { return new BigDecimal(s.trim()); } catch (NumberFormatException e) { throw mismatch(type, v, "a decimal number"); }
                }
                throw mismatch(type, v, "a decimal number");
            case VARBINARY:
                if (v instanceof byte[]) return v;
                throw mismatch(type, v, "a byte array");
            default:
                throw new IllegalStateException(type + " is not stored as an object");
        }
    }

    /** Epoch milliseconds of a timestamp given as Instant, LocalDateTime, Date, epoch millis or an ISO string. */
    public static long timestampMillis(Object v) {
        if (v instanceof Instant i) return i.toEpochMilli();
        if (v instanceof LocalDateTime t) return t.toInstant(ZoneOffset.UTC).toEpochMilli();
        if (v instanceof OffsetDateTime t) return t.toInstant().toEpochMilli();
        if (v instanceof ZonedDateTime t) return t.toInstant().toEpochMilli();
        if (v instanceof java.util.Date d) return d.getTime();
        if (v instanceof LocalDate d) return d.toEpochDay() * 86_400_000L;
        if (v instanceof Long || v instanceof Integer) return ((Number) v).longValue();
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.longValue();
        if (v instanceof String s) return parseTimestamp(s);
        throw mismatch(ColumnType.TIMESTAMP, v, "a timestamp (Instant, LocalDateTime, epoch milliseconds or ISO-8601 text)");
    }

    /**
     * Parses ISO-8601 text: {@code 2026-01-01T10:00:00}, {@code 2026-01-01 10:00:00.123}, with an optional
     * zone ({@code Z}, {@code +02:00}); a bare integer is epoch milliseconds. Text without a zone is UTC.
     */
    public static long parseTimestamp(String text) {
        String s = text.trim();
        if (!s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-') && isAllDigits(s)) {
            return Long.parseLong(s);
        }
        try {
            TemporalAccessor t = TIMESTAMP_PARSER.parse(s);
            LocalDate date = LocalDate.from(t);
            LocalTime time = t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(t) : LocalTime.MIDNIGHT;
            ZoneOffset offset = ZoneOffset.UTC;
            if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
                offset = ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS));
            } else {
                java.time.ZoneId zone = t.query(java.time.temporal.TemporalQueries.zone());
                if (zone != null) return LocalDateTime.of(date, time).atZone(zone).toInstant().toEpochMilli();
            }
            return LocalDateTime.of(date, time).toInstant(offset).toEpochMilli();
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("cannot read '" + text + "' as a timestamp; expected ISO-8601 such as "
                    + "2026-01-01T10:00:00.000 (a space instead of 'T', a zone such as Z or +02:00, or epoch milliseconds also work)");
        }
    }

    private static boolean isAllDigits(String s) {
        for (int i = s.charAt(0) == '-' ? 1 : 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) return false;
        }
        return s.length() > (s.charAt(0) == '-' ? 1 : 0);
    }

    /**
     * Appends {@code unscaled × 10^-scale} as {@link BigDecimal#toPlainString()} would ({@code -0.050} for -50 at
     * scale 3), without making the BigDecimal. {@code scale} is 0..18 and {@code unscaled} not {@code Long.MIN_VALUE}
     * (a spilled scaled-decimal cell is printed from its BigDecimal).
     */
    public static void appendPlainDecimal(long unscaled, int scale, StringBuilder out) {
        if (scale == 0) {
            out.append(unscaled);
            return;
        }
        if (unscaled < 0) out.append('-');
        long magnitude = Math.abs(unscaled), pow = POW10[scale];
        long fraction = magnitude % pow;
        out.append(magnitude / pow).append('.');
        for (long d = pow / 10; d > 0 && fraction < d; d /= 10) out.append('0'); // leading zeros of the fraction
        if (fraction != 0) out.append(fraction);
    }

    private static final long[] POW10 = new long[Field.MAX_SCALED_DECIMAL_SCALE + 1];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    /** 10^{@code n} for {@code n} in 0..18 (the powers of ten a long holds): scaled-decimal arithmetic and printing. */
    public static long pow10(int n) {
        return POW10[n];
    }

    /** ISO local date-time with milliseconds, UTC: how timestamps are written to files. */
    public static String formatTimestamp(long epochMillis) {
        return TIMESTAMP_FORMAT.format(LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000),
                (int) Math.floorMod(epochMillis, 1000) * 1_000_000, ZoneOffset.UTC));
    }

    private static IllegalArgumentException mismatch(ColumnType type, Object v, String expected) {
        return new IllegalArgumentException("expected " + expected + " for a " + type.sqlName() + " column, got "
                + (v instanceof String ? "'" + v + "'" : v) + " (" + v.getClass().getSimpleName() + ")");
    }
}
