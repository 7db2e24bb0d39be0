package io.laminar.codegen;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import io.laminar.data.Values;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.avatica.util.TimeUnitRange;

/**
 * The runtime library of SQL scalar functions, shared by compiled kernels and the {@link Interpreter}, so both
 * have exactly the same semantics. Every method takes and returns the storage forms of {@link Kind}: primitives
 * for numbers, booleans and temporals (timestamps epoch millis, dates epoch days, times millis of day, day-time
 * intervals millis, year-month intervals months), {@link BigDecimal} for DECIMAL, {@link String} for text.
 * Methods never see NULL: callers check the null flags first (every function here is strict).
 *
 * <p>Numeric, boolean and temporal functions do not allocate. Runtime errors (division by zero, a cast that does
 * not fit) throw {@link LaminarException} with {@link ErrorCode#BAD_ROW}.
 */
public final class Functions {
    private Functions() {}

    static final long MILLIS_PER_DAY = 86_400_000L;

    // ---------------------------------------------------------------- errors

    public static LaminarException error(String message) {
        return new LaminarException(ErrorCode.BAD_ROW, message);
    }

    static LaminarException castError(Object value, String type) {
        return error("cannot cast " + (value instanceof String ? "'" + value + "'" : value) + " to " + type);
    }

    // ---------------------------------------------------------------- arithmetic

    public static long plus(long a, long b) { return a + b; }
    public static long minus(long a, long b) { return a - b; }
    public static long times(long a, long b) { return a * b; }
    public static long negate(long a) { return -a; }
    public static boolean not(boolean a) { return !a; }
    public static long dateMinusDate(long a, long b) { return (a - b) * MILLIS_PER_DAY; }
    public static double plus(double a, double b) { return a + b; }
    public static double minus(double a, double b) { return a - b; }
    public static double times(double a, double b) { return a * b; }
    public static double divide(double a, double b) { return a / b; }
    public static double mod(double a, double b) { return a % b; }
    public static double negate(double a) { return -a; }

    /** Integer division truncates toward zero (SQL); division by zero is an error. */
    public static long divide(long a, long b) {
        if (b == 0) throw error("division by zero");
        return a / b;
    }

    /** The remainder has the sign of the dividend (SQL MOD); MOD by zero is an error. */
    public static long mod(long a, long b) {
        if (b == 0) throw error("division by zero (MOD)");
        return a % b;
    }

    public static BigDecimal plus(BigDecimal a, BigDecimal b, int scale) { return a.add(b).setScale(scale, RoundingMode.HALF_UP); }
    public static BigDecimal minus(BigDecimal a, BigDecimal b, int scale) { return a.subtract(b).setScale(scale, RoundingMode.HALF_UP); }
    public static BigDecimal times(BigDecimal a, BigDecimal b, int scale) { return a.multiply(b).setScale(scale, RoundingMode.HALF_UP); }
    public static BigDecimal negate(BigDecimal a) { return a.negate(); }

    // DECIMAL on scaled longs (see ScaledDecimal): what compiled kernels use while values fit in a long
    public static long decPlus(long a, long b, int sa, int sb, int scale) { return ScaledDecimal.plus(a, sa, b, sb, scale); }
    public static long decMinus(long a, long b, int sa, int sb, int scale) { return ScaledDecimal.minus(a, sa, b, sb, scale); }
    public static long decTimes(long a, long b, int sa, int sb, int scale) { return ScaledDecimal.times(a, sa, b, sb, scale); }
    public static long decCompare(long a, long b, int sa, int sb) { return ScaledDecimal.compare(a, sa, b, sb); }
    public static BigDecimal decimalOf(long unscaled, int scale) { return ScaledDecimal.toBigDecimal(unscaled, scale); }
    public static long decRescale(long unscaled, int from, int to) { return ScaledDecimal.rescale(unscaled, from, to); }

    public static BigDecimal divide(BigDecimal a, BigDecimal b, int scale) {
        if (b.signum() == 0) throw error("division by zero");
        return a.divide(b, scale, RoundingMode.HALF_UP);
    }

    public static BigDecimal mod(BigDecimal a, BigDecimal b, int scale) {
        if (b.signum() == 0) throw error("division by zero (MOD)");
        return a.remainder(b).setScale(scale, RoundingMode.HALF_UP);
    }

    // ---------------------------------------------------------------- implicit numeric widening

    public static double longToDouble(long v) { return v; }
    public static BigDecimal longToDecimal(long v) { return BigDecimal.valueOf(v); }
    public static double decimalToDouble(BigDecimal v) { return v.doubleValue(); }

    public static BigDecimal doubleToDecimal(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) throw castError(v, "DECIMAL");
        return BigDecimal.valueOf(v);
    }

    // ---------------------------------------------------------------- casts

    /** Checks that an integral value fits a TINYINT (8), SMALLINT (16), INTEGER (32) or BIGINT (64). */
    public static long fitInt(long v, int bits) {
        if (bits < 64) {
            long max = (1L << (bits - 1)) - 1;
            if (v > max || v < -max - 1) throw error("value " + v + " is out of range for " + intTypeName(bits));
        }
        return v;
    }

    private static String intTypeName(int bits) {
        return switch (bits) { case 8 -> "TINYINT"; case 16 -> "SMALLINT"; case 32 -> "INTEGER"; default -> "BIGINT"; };
    }

    /** DOUBLE to an integer type: truncates toward zero. */
    public static long doubleToLong(double v, int bits) {
        if (Double.isNaN(v) || v >= 0x1p63 || v < -0x1p63) throw error("value " + v + " is out of range for " + intTypeName(bits));
        return fitInt((long) v, bits);
    }

    /** DECIMAL to an integer type: truncates toward zero. */
    public static long decimalToLong(BigDecimal v, int bits) {
        BigDecimal t = v.setScale(0, RoundingMode.DOWN);
        if (t.unscaledValue().bitLength() > 63) throw error("value " + v + " is out of range for " + intTypeName(bits));
        return fitInt(t.longValue(), bits);
    }

    /** Rounds (HALF_UP) to {@code scale} and checks the precision; precision &lt;= 0 means unchecked. */
    public static BigDecimal toDecimal(BigDecimal v, int precision, int scale) {
        BigDecimal r = v.setScale(scale, RoundingMode.HALF_UP);
        if (precision > 0 && r.precision() - r.scale() > precision - scale && r.signum() != 0) {
            throw error("value " + v + " is out of range for DECIMAL(" + precision + ", " + scale + ")");
        }
        return r;
    }

    public static BigDecimal longToDecimal(long v, int precision, int scale) { return toDecimal(BigDecimal.valueOf(v), precision, scale); }
    public static BigDecimal doubleToDecimal(double v, int precision, int scale) { return toDecimal(doubleToDecimal(v), precision, scale); }

    public static long boolToLong(boolean v) { return v ? 1 : 0; }
    public static boolean longToBool(long v) { return v != 0; }
    public static boolean doubleToBool(double v) { return v != 0; }
    public static boolean decimalToBool(BigDecimal v) { return v.signum() != 0; }
    public static double boolToDouble(boolean v) { return v ? 1 : 0; }

    public static long stringToLong(String s, int bits) {
        try {
            return fitInt(Long.parseLong(s.trim()), bits);
        } catch (NumberFormatException e) {
            try {
                return decimalToLong(new BigDecimal(s.trim()), bits);
            } catch (NumberFormatException e2) {
                throw castError(s, intTypeName(bits));
            }
        }
    }

    public static double stringToDouble(String s) {
        try { return Double.parseDouble(s.trim()); } catch (NumberFormatException e) { throw castError(s, "DOUBLE"); }
    }

    public static BigDecimal stringToDecimal(String s, int precision, int scale) {
        try { return toDecimal(new BigDecimal(s.trim()), precision, scale); } catch (NumberFormatException e) { throw castError(s, "DECIMAL"); }
    }

    public static boolean stringToBool(String s) {
        String t = s.trim();
        if (t.equalsIgnoreCase("true") || t.equals("1")) return true;
        if (t.equalsIgnoreCase("false") || t.equals("0")) return false;
        throw castError(s, "BOOLEAN");
    }

    public static long stringToTimestamp(String s) {
        try { return Values.parseTimestamp(s); } catch (IllegalArgumentException e) { throw castError(s, "TIMESTAMP"); }
    }

    public static long stringToDate(String s) {
        String t = s.trim();
        try {
            return LocalDate.parse(t).toEpochDay();
        } catch (DateTimeParseException e) {
            try { return Math.floorDiv(Values.parseTimestamp(t), MILLIS_PER_DAY); } catch (IllegalArgumentException e2) { throw castError(s, "DATE"); }
        }
    }

    public static long stringToTime(String s) {
        try { return LocalTime.parse(s.trim()).toNanoOfDay() / 1_000_000L; } catch (DateTimeParseException e) { throw castError(s, "TIME"); }
    }

    public static String longToString(long v) { return Long.toString(v); }
    public static String doubleToString(double v) { return Double.toString(v); }
    public static String decimalToString(BigDecimal v) { return v.toPlainString(); }
    public static String boolToString(boolean v) { return v ? "TRUE" : "FALSE"; }

    /** {@code yyyy-MM-dd HH:mm:ss} plus {@code .SSS} when precision &gt; 0. */
    public static String timestampToString(long millis, int precision) {
        int slot = (int) (millis & (TIMESTAMP_TEXTS.length - 1));
        TimestampText t = TIMESTAMP_TEXTS[slot];
        if (t != null && t.millis == millis && t.precision == precision) return t.text;
        String text = formatTimestamp(millis, precision);
        TIMESTAMP_TEXTS[slot] = new TimestampText(millis, precision, text);
        return text;
    }

    /**
     * CAST(TIMESTAMP AS VARCHAR) with the call site's {@link LastCall}: rows of the same millisecond as the previous
     * row (ten in a row at Nexmark's rate) get its text back from two field compares, and a SUBSTRING of it then
     * finds the very same string object in its own memo.
     */
    public static String timestampToString(long millis, int precision, LastCall last) {
        if (millis == last.a && precision == last.b && last.out != null) return last.out;
        String text = timestampToString(millis, precision);
        last.a = millis;
        last.b = precision;
        last.out = text;
        return text;
    }

    /** The text of a timestamp: written into one array for a four-digit year, else as the date's text and the time's. */
    private static String formatTimestamp(long millis, int precision) {
        String day = dateToString(Math.floorDiv(millis, MILLIS_PER_DAY));
        long ms = Math.floorMod(millis, MILLIS_PER_DAY);
        if (day.length() != 10) return day + " " + timeToString(ms, precision); // a year beyond 9999, or before 0
        byte[] text = new byte[11 + timeLength(precision)];
        for (int i = 0; i < 10; i++) text[i] = (byte) day.charAt(i);
        text[10] = ' ';
        writeTime(text, 11, ms, precision);
        return new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Characters of a time of day's text: {@code HH:mm:ss}, plus {@code .SSS} when precision &gt; 0. */
    private static int timeLength(int precision) { return precision > 0 ? 12 : 8; }

    /** Writes the text of time of day {@code ms} (0 .. a day's millis) at {@code at}: {@link #timeLength} bytes. */
    private static void writeTime(byte[] text, int at, long ms, int precision) {
        digits(text, at, ms / 3_600_000L);
        text[at + 2] = ':';
        digits(text, at + 3, ms / 60_000L % 60);
        text[at + 5] = ':';
        digits(text, at + 6, ms / 1000 % 60);
        if (precision > 0) {
            long f = ms % 1000;
            text[at + 8] = '.';
            text[at + 9] = (byte) ('0' + f / 100);
            digits(text, at + 10, f % 100);
        }
    }

    /** Two decimal digits of {@code v} (0..99) at {@code at}. */
    private static void digits(byte[] text, int at, long v) {
        text[at] = (byte) ('0' + v / 10);
        text[at + 1] = (byte) ('0' + v % 10);
    }

    /**
     * Recently formatted timestamps, direct-mapped by millisecond (racy but safe, like {@link #dateToString}'s day
     * texts): rows that share an event time — a stream of 10,000 events per second of event time has ten per
     * millisecond — share one string instead of formatting it again.
     */
    private static final TimestampText[] TIMESTAMP_TEXTS = new TimestampText[1024];

    private record TimestampText(long millis, int precision, String text) {}

    /**
     * A DATE as 'yyyy-MM-dd'. Rows of one day share one string: a small direct-mapped cache of immutable entries
     * (racy but safe — a stale or foreign slot only misses), so grouping by the day (Nexmark q15–q17) neither
     * allocates a string per row nor compares fresh strings character by character.
     */
    public static String dateToString(long days) {
        int slot = (int) (days & (DAY_TEXTS.length - 1));
        DayText t = DAY_TEXTS[slot];
        if (t != null && t.days == days) return t.text;
        String text = LocalDate.ofEpochDay(days).toString();
        DAY_TEXTS[slot] = new DayText(days, text);
        return text;
    }

    private record DayText(long days, String text) {}

    private static final DayText[] DAY_TEXTS = new DayText[256];

    public static String timeToString(long millisOfDay, int precision) {
        byte[] text = new byte[timeLength(precision)];
        writeTime(text, 0, Math.floorMod(millisOfDay, MILLIS_PER_DAY), precision);
        return new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    public static long timestampToDate(long millis) { return Math.floorDiv(millis, MILLIS_PER_DAY); }
    public static long timestampToTime(long millis) { return Math.floorMod(millis, MILLIS_PER_DAY); }
    public static long dateToTimestamp(long days) { return days * MILLIS_PER_DAY; }

    /** CHAR(n) pads with spaces or truncates; VARCHAR(n) truncates; length &lt; 0 means unbounded. */
    public static String fitString(String s, int length, boolean pad) {
        if (length < 0) return s;
        if (s.length() > length) return s.substring(0, length);
        if (pad && s.length() < length) return s + " ".repeat(length - s.length());
        return s;
    }

    // ---------------------------------------------------------------- comparison helpers

    public static int compare(BigDecimal a, BigDecimal b) { return a.compareTo(b); }
    public static int compare(String a, String b) { return a.compareTo(b); }
    public static int compare(boolean a, boolean b) { return Boolean.compare(a, b); }

    public static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }

    // ---------------------------------------------------------------- datetime arithmetic

    public static long timestampPlusMonths(long millis, long months) { return DateTimeUtils.addMonths(millis, (int) months); }
    public static long datePlusMonths(long days, long months) { return DateTimeUtils.addMonths((int) days, (int) months); }
    public static long datePlusMillis(long days, long millis) { return days + Math.floorDiv(millis, MILLIS_PER_DAY); }
    public static long timePlusMillis(long time, long millis) { return Math.floorMod(time + millis, MILLIS_PER_DAY); }
    /** Whole months from {@code b} to {@code a}, for year-month interval differences of timestamps. */
    public static long timestampMonthsBetween(long a, long b) { return DateTimeUtils.subtractMonths(a, b); }
    public static long dateMonthsBetween(long a, long b) { return DateTimeUtils.subtractMonths((int) a, (int) b); }

    // ---------------------------------------------------------------- EXTRACT, FLOOR/CEIL to a unit

    /** EXTRACT from a timestamp (epoch millis). SECOND is whole seconds; MILLISECOND includes the seconds * 1000. */
    public static long extractTimestamp(long millis, TimeUnitRange unit) {
        long ms = Math.floorMod(millis, MILLIS_PER_DAY);
        switch (unit) {
            case EPOCH: return Math.floorDiv(millis, 1000);
            case HOUR: return ms / 3_600_000L;
            case MINUTE: return ms / 60_000L % 60;
            case SECOND: return ms / 1000 % 60;
            case MILLISECOND: return ms % 60_000L;
            case MICROSECOND: return ms % 60_000L * 1000;
            case NANOSECOND: return ms % 60_000L * 1_000_000L;
            default: return extractDate(Math.floorDiv(millis, MILLIS_PER_DAY), unit);
        }
    }

    /** EXTRACT from a date (epoch days); time units are 0. */
    public static long extractDate(long days, TimeUnitRange unit) {
        switch (unit) {
            case EPOCH: return days * 86_400L;
            case HOUR: case MINUTE: case SECOND: case MILLISECOND: case MICROSECOND: case NANOSECOND: return 0;
            default: return DateTimeUtils.unixDateExtract(unit, days);
        }
    }

    /** EXTRACT from a time (millis of day). */
    public static long extractTime(long millisOfDay, TimeUnitRange unit) {
        switch (unit) {
            case HOUR: case MINUTE: case SECOND: case MILLISECOND: case MICROSECOND: case NANOSECOND: case EPOCH:
                return extractTimestamp(millisOfDay, unit);
            default: throw error("cannot EXTRACT " + unit + " from a TIME");
        }
    }

    /** EXTRACT from a day-time interval (millis). */
    public static long extractMillisInterval(long millis, TimeUnitRange unit) {
        switch (unit) {
            case DAY: return millis / MILLIS_PER_DAY;
            case HOUR: return millis / 3_600_000L % 24;
            case MINUTE: return millis / 60_000L % 60;
            case SECOND: return millis / 1000 % 60;
            case MILLISECOND: return millis % 60_000L;
            case EPOCH: return millis / 1000;
            default: throw error("cannot EXTRACT " + unit + " from a day-time interval");
        }
    }

    /** EXTRACT from a year-month interval (months). */
    public static long extractMonthsInterval(long months, TimeUnitRange unit) {
        switch (unit) {
            case YEAR: return months / 12;
            case MONTH: return months % 12;
            case QUARTER: return months % 12 / 3 + 1;
            default: throw error("cannot EXTRACT " + unit + " from a year-month interval");
        }
    }

    /** FLOOR(ts TO unit): units up to DAY by arithmetic on epoch millis, larger units on the calendar (UTC). */
    public static long floorTimestamp(long millis, TimeUnitRange unit) {
        switch (unit) {
            case MILLISECOND: return millis;
            case SECOND: return Math.floorDiv(millis, 1000L) * 1000L;
            case MINUTE: return Math.floorDiv(millis, 60_000L) * 60_000L;
            case HOUR: return Math.floorDiv(millis, 3_600_000L) * 3_600_000L;
            case DAY: return Math.floorDiv(millis, MILLIS_PER_DAY) * MILLIS_PER_DAY;
            default: return floorDate(Math.floorDiv(millis, MILLIS_PER_DAY), unit) * MILLIS_PER_DAY;
        }
    }

    /** CEIL(ts TO unit): the value itself when already on a unit boundary, else the next boundary. */
    public static long ceilTimestamp(long millis, TimeUnitRange unit) {
        long f = floorTimestamp(millis, unit);
        if (f == millis) return f;
        switch (unit) {
            case SECOND: return f + 1000L;
            case MINUTE: return f + 60_000L;
            case HOUR: return f + 3_600_000L;
            case DAY: return f + MILLIS_PER_DAY;
            case WEEK: return f + 7 * MILLIS_PER_DAY;
            case MONTH: return DateTimeUtils.addMonths(f, 1);
            case QUARTER: return DateTimeUtils.addMonths(f, 3);
            case YEAR: return DateTimeUtils.addMonths(f, 12);
            default: throw error("CEIL to " + unit + " is not supported");
        }
    }

    /** FLOOR(date TO unit); units below DAY leave the date as it is. */
    public static long floorDate(long days, TimeUnitRange unit) {
        switch (unit) {
            case DAY: case HOUR: case MINUTE: case SECOND: case MILLISECOND: return days;
            default: return DateTimeUtils.unixDateFloor(unit, days);
        }
    }

    public static long ceilDate(long days, TimeUnitRange unit) {
        switch (unit) {
            case DAY: case HOUR: case MINUTE: case SECOND: case MILLISECOND: return days;
            default: return DateTimeUtils.unixDateCeil(unit, days);
        }
    }

    public static long floorTime(long millis, TimeUnitRange unit) {
        long u = timeUnitMillis(unit);
        return Math.floorDiv(millis, u) * u;
    }

    public static long ceilTime(long millis, TimeUnitRange unit) {
        long u = timeUnitMillis(unit);
        return Math.floorMod(-Math.floorDiv(-millis, u) * u, MILLIS_PER_DAY);
    }

    private static long timeUnitMillis(TimeUnitRange unit) {
        return switch (unit) {
            case HOUR -> 3_600_000L;
            case MINUTE -> 60_000L;
            case SECOND -> 1000L;
            case MILLISECOND -> 1L;
            case DAY -> MILLIS_PER_DAY;
            default -> throw error("cannot round a TIME to " + unit);
        };
    }

    // ---------------------------------------------------------------- math

    public static long abs(long v) { return Math.abs(v); }
    public static double abs(double v) { return Math.abs(v); }
    public static BigDecimal abs(BigDecimal v) { return v.abs(); }
    public static double floor(double v) { return Math.floor(v); }
    public static double ceil(double v) { return Math.ceil(v); }
    public static BigDecimal floor(BigDecimal v) { return v.setScale(0, RoundingMode.FLOOR); }
    public static BigDecimal ceil(BigDecimal v) { return v.setScale(0, RoundingMode.CEILING); }
    public static long sign(long v) { return Long.signum(v); }
    public static double sign(double v) { return Math.signum(v); }
    public static BigDecimal sign(BigDecimal v) { return BigDecimal.valueOf(v.signum()); }
    public static double power(double a, double b) { return Math.pow(a, b); }
    public static double sqrt(double v) { return Math.sqrt(v); }
    public static double ln(double v) { return Math.log(v); }
    public static double log10(double v) { return Math.log10(v); }
    public static double exp(double v) { return Math.exp(v); }

    private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};

    private static double pow10(long n) {
        return n >= 0 && n < POW10.length ? POW10[(int) n] : Math.pow(10, n);
    }

    /** ROUND half away from zero to {@code digits} decimal places (negative digits round left of the point). */
    public static double round(double v, long digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return v;
        if (digits >= 0) {
            double f = pow10(digits);
            double r = Math.floor(Math.abs(v) * f + 0.5) / f;
            return Math.copySign(r, v);
        }
        double f = pow10(-digits);
        return Math.copySign(Math.floor(Math.abs(v) / f + 0.5) * f, v);
    }

    /** TRUNCATE toward zero to {@code digits} decimal places. */
    public static double truncate(double v, long digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return v;
        if (digits >= 0) {
            double f = pow10(digits);
            return Math.copySign(Math.floor(Math.abs(v) * f) / f, v);
        }
        double f = pow10(-digits);
        return Math.copySign(Math.floor(Math.abs(v) / f) * f, v);
    }

    public static long round(long v, long digits) {
        if (digits >= 0) return v;
        if (digits < -18) return 0;
        long f = (long) pow10(-digits);
        long q = Math.abs(v) / f, r = Math.abs(v) % f;
        long m = (r * 2 >= f ? q + 1 : q) * f;
        return v < 0 ? -m : m;
    }

    public static long truncate(long v, long digits) {
        if (digits >= 0) return v;
        if (digits < -18) return 0;
        long f = (long) pow10(-digits);
        return v / f * f;
    }

    public static BigDecimal round(BigDecimal v, long digits, int scale) {
        return v.setScale((int) digits, RoundingMode.HALF_UP).setScale(scale, RoundingMode.HALF_UP);
    }

    public static BigDecimal truncate(BigDecimal v, long digits, int scale) {
        return v.setScale((int) digits, RoundingMode.DOWN).setScale(scale, RoundingMode.DOWN);
    }

    // ---------------------------------------------------------------- strings

    public static String upper(String s) { return s.toUpperCase(Locale.ROOT); }
    public static String lower(String s) { return s.toLowerCase(Locale.ROOT); }

    /**
     * {@code LOWER(s) = t} without building the lowered string: ASCII characters lower one to one, so while
     * {@code s} is ASCII the two compare character by character (a mismatch in an ASCII prefix decides, whatever
     * follows); the first non-ASCII character falls back to the full Unicode lowering.
     */
    public static boolean lowerEquals(String s, String t) { return foldedEquals(s, t, true); }

    /** {@code UPPER(s) = t} without building the upper-cased string; see {@link #lowerEquals}. */
    public static boolean upperEquals(String s, String t) { return foldedEquals(s, t, false); }

    private static boolean foldedEquals(String s, String t, boolean lower) {
        int n = s.length(), m = t.length();
        char from = lower ? 'A' : 'a';
        int shift = lower ? 'a' - 'A' : 'A' - 'a';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) return (lower ? lower(s) : upper(s)).equals(t);
            if (c >= from && c <= from + 25) c += shift;
            if (i >= m || c != t.charAt(i)) return false;
        }
        return n == m;
    }

    public static long charLength(String s) { return s.codePointCount(0, s.length()); }

    /** {@code CHAR_LENGTH(REPLACE(s, target, ''))} without building the replaced string (Nexmark q14's count). */
    public static long charLengthWithout(String s, String target) {
        long n = s.codePointCount(0, s.length());
        if (target.isEmpty()) return n;
        long found = 0;
        for (int i = s.indexOf(target); i >= 0; i = s.indexOf(target, i + target.length())) found++;
        return n - found * target.codePointCount(0, target.length());
    }
    public static String concat(String a, String b) { return a.concat(b); }

    public static String initcap(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
                start = false;
            } else {
                sb.append(c);
                start = true;
            }
        }
        return sb.toString();
    }

    /** TRIM: removes any of the characters in {@code chars} from the chosen ends. */
    public static String trim(String s, String chars, boolean leading, boolean trailing) {
        int start = 0, end = s.length();
        if (leading) while (start < end && chars.indexOf(s.charAt(start)) >= 0) start++;
        if (trailing) while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) end--;
        return s.substring(start, end);
    }

    /** SUBSTRING(s FROM start): 1-based; a start before 1 counts from position 1. */
    public static String substring(String s, long start) {
        long from = Math.max(start, 1);
        if (from > s.length()) return "";
        return s.substring((int) from - 1);
    }

    /** SUBSTRING(s FROM start FOR length): the characters at positions [start, start + length) within [1, len]. */
    public static String substring(String s, long start, long length) {
        if (length < 0) throw error("negative substring length " + length);
        long from = Math.max(start, 1);
        long to = Math.min(start + length, (long) s.length() + 1);
        if (to <= from) return "";
        return s.substring((int) from - 1, (int) to - 1);
    }

    /** SUBSTRING with the call site's {@link LastCall}: the same string object and bounds as last time, the same piece. */
    public static String substring(String s, long start, long length, LastCall last) {
        if (s == last.in && start == last.a && length == last.b) return last.out;
        String piece = substring(s, start, length);
        last.in = s;
        last.a = start;
        last.b = length;
        last.out = piece;
        return piece;
    }

    /**
     * The previous call of one call site of a deterministic string function, kept by a kernel (single-threaded): a
     * row whose argument is the very string object of the previous row (a cached CAST text — events of one
     * millisecond share their timestamp's — or a value a source repeats) gets the previous result back, rather than
     * a new equal string. Compared by identity, so a miss costs one reference compare. A call on numbers (a
     * timestamp formatted as text) keeps them in {@code a} and {@code b}, and {@code in} stays null.
     */
    public static final class LastCall {
        private String in;
        private long a;
        private long b;
        private String out;
    }

    /** POSITION(needle IN s): 1-based, 0 when absent. */
    public static long position(String needle, String s) { return s.indexOf(needle) + 1; }

    public static long position(String needle, String s, long from) {
        if (from < 1) from = 1;
        if (from > s.length() + 1) return 0;
        return s.indexOf(needle, (int) from - 1) + 1;
    }

    public static String replace(String s, String target, String replacement) {
        return target.isEmpty() ? s : s.replace(target, replacement);
    }

    public static String lpad(String s, long length, String pad) { return pad(s, length, pad, true); }
    public static String rpad(String s, long length, String pad) { return pad(s, length, pad, false); }
    public static String lpad(String s, long length) { return pad(s, length, " ", true); }
    public static String rpad(String s, long length) { return pad(s, length, " ", false); }

    private static String pad(String s, long length, String pad, boolean left) {
        if (length < 0) throw error("negative pad length " + length);
        if (length <= s.length()) return s.substring(0, (int) length);
        if (pad.isEmpty()) return s;
        StringBuilder fill = new StringBuilder();
        while (fill.length() < length - s.length()) fill.append(pad);
        fill.setLength((int) (length - s.length()));
        return left ? fill.append(s).toString() : s + fill;
    }

    private static final Map<String, Pattern> REGEX_CACHE = new ConcurrentHashMap<>();

    /** A compiled Java regex, cached (bounded) for patterns that are not literals. */
    static Pattern regex(String regex) {
        Pattern p = REGEX_CACHE.get(regex);
        if (p == null) {
            if (REGEX_CACHE.size() > 256) REGEX_CACHE.clear();
            try { p = Pattern.compile(regex); } catch (java.util.regex.PatternSyntaxException e) { throw error("invalid regular expression '" + regex + "': " + e.getDescription()); }
            REGEX_CACHE.put(regex, p);
        }
        return p;
    }

    public static String regexpReplace(String s, String regex, String replacement) {
        return regex(regex).matcher(s).replaceAll(replacement);
    }

    /** REGEXP_REPLACE with a literal (precompiled) regex. */
    public static String regexpReplace(String s, String replacement, Pattern regex) {
        return regex.matcher(s).replaceAll(replacement);
    }

    /** REGEXP_REPLACE with a literal regex and the kernel's own matcher of it. */
    public static String regexpReplace(String s, String replacement, Pattern regex, java.util.regex.Matcher m) {
        return m.reset(s).replaceAll(replacement);
    }

    /** REGEXP_EXTRACT(s, regex[, group]) with a regex known only at run time (cached compile). */
    public static String regexpExtract(String s, String regex, long group) { return regexpExtract(s, group, regex(regex)); }

    /**
     * REGEXP_EXTRACT with a regex known only at run time: group {@code group} of the first match, or null (SQL NULL)
     * when nothing matches, the group does not exist or did not take part in the match — Flink's semantics.
     */
    public static String regexpExtract(String s, long group, Pattern regex) {
        return group(regex.matcher(s), group);
    }

    /** REGEXP_EXTRACT with a literal regex (the interpreter: a fresh matcher per call). */
    public static String regexpExtract(String s, long group, LiteralRegex regex) {
        return regexpExtract(s, group, regex, regex.newMatcher());
    }

    /**
     * REGEXP_EXTRACT with a literal regex and the kernel's own matcher of it, reset per row: no allocation but the
     * result, and the search skips what {@link LiteralRegex} proves cannot match.
     */
    public static String regexpExtract(String s, long group, LiteralRegex regex, java.util.regex.Matcher m) {
        if (group < 0 || !regex.find(m, s)) return null;
        return group > m.groupCount() ? null : m.group((int) group);
    }

    private static String group(java.util.regex.Matcher m, long group) {
        if (group < 0 || !m.find() || group > m.groupCount()) return null;
        return m.group((int) group);
    }

    /**
     * SPLIT_INDEX(s, separator, index): the {@code index}-th (0-based) piece of {@code s} split at every occurrence of
     * the whole {@code separator} (empty pieces kept), or null when out of range or {@code s} is empty — Flink's
     * semantics. An empty separator splits at whitespace characters. Allocates only the returned piece.
     */
    public static String splitIndex(String s, String separator, long index) {
        if (index < 0 || s.isEmpty()) return null;
        int start = 0;
        for (long i = 0; i < index; i++) {
            int at = indexOfSeparator(s, separator, start);
            if (at < 0) return null;
            start = at + Math.max(separator.length(), 1);
        }
        int end = indexOfSeparator(s, separator, start);
        return s.substring(start, end < 0 ? s.length() : end);
    }

    /**
     * SPLIT_INDEX with the kernel's {@link SplitCursor}: several SPLIT_INDEX of one value with one separator
     * (Nexmark q22's three directories of a url) scan the value once between them, not once each.
     */
    public static String splitIndex(String s, String separator, long index, SplitCursor cursor) {
        return index < 0 ? null : cursor.piece(s, separator, index); // an empty s: the cursor's cut gives null
    }

    /**
     * A kernel's SPLIT_INDEX state (single-threaded; one per separator operand). The value split last keeps its
     * delimiter positions found so far, so several SPLIT_INDEX of one value (Nexmark q22's three directories of a
     * url) scan it once.
     * <p>Values repeat in streams (urls, paths, user agents: a few thousand distinct values behind millions of
     * rows), so the pieces cut from recently split values are remembered: a direct-mapped table keyed by the
     * value's hash holds, per slot, the value and its pieces at up to {@link #PIECE_COLUMNS} indexes (the first
     * indexes the kernel asks for; an index past the end, NULL, is not kept). A value equal to one split before gets
     * its pieces back — the same String objects — without scanning or cutting; keys and pieces sit in flat arrays,
     * so a hit on the very string object split before costs its cached hash and two array loads (an equal copy
     * also hashes and compares its characters). Only the first separator the cursor sees is remembered (a literal
     * separator is the only one) and only values of at most {@link #MAX_LENGTH} characters, which bounds what the
     * table keeps alive. Where values do not repeat the table only costs, so it is adaptive: after {@link #WINDOW}
     * lookups of which fewer than one in {@link #MIN_HIT_SHARE} hit, it is dropped and the next {@link #PAUSE}
     * values are split without it; then it is tried again. Memory while in use: two arrays of {@link #SLOTS} and
     * {@code SLOTS * PIECE_COLUMNS} references (320 KB with compressed references) and the values and pieces
     * they hold.
     */
    public static final class SplitCursor {
        static final int SLOTS = 1 << 14;
        static final int PIECE_COLUMNS = 4;
        static final int WINDOW = 4096;
        static final int MIN_HIT_SHARE = 8;
        static final int PAUSE = 1 << 16;
        static final int MAX_LENGTH = 512;

        // the value split last: its delimiters found so far, and its slot in the table (-1: not remembered)
        private String text;
        private String separator;
        private int[] delimiters = new int[8];
        private int found;
        private boolean exhausted;
        private int slot = -1;

        // the table: values by slot, their pieces at slot * PIECE_COLUMNS + column; null while paused
        private String[] keys;
        private String[] pieces;
        /** The first separator the cursor split at: only pieces cut at it are remembered. */
        private String tableSeparator;
        /** The piece column of index i (0 = none yet; else column + 1), for indexes below its length. */
        private final byte[] columnOfIndex = new byte[64];
        private int columnsUsed;
        private int lookups;
        private int hits;
        /** While positive, the values left to split without the table. */
        private int paused;

        String piece(String s, String sep, long index) {
            if (s != text || (sep != separator && !sep.equals(separator))) start(s, sep);
            int column = slot < 0 ? -1 : columnOf(index);
            if (column < 0) return cut(index);
            int at = slot * PIECE_COLUMNS + column;
            String piece = pieces[at];
            if (piece == null) pieces[at] = piece = cut(index);
            return piece;
        }

        /** The table column that keeps pieces at {@code index} (given out on first use), or -1 when none does. */
        private int columnOf(long index) {
            if (index >= columnOfIndex.length) return -1;
            int column = columnOfIndex[(int) index] - 1;
            if (column < 0 && columnsUsed < PIECE_COLUMNS) {
                column = columnsUsed++;
                columnOfIndex[(int) index] = (byte) (column + 1);
            }
            return column;
        }

        /** Makes {@code s} the current value: its slot in the table (a hit keeps the pieces), delimiters unscanned. */
        private void start(String s, String sep) {
            text = s;
            separator = sep;
            found = 0;
            exhausted = false;
            slot = -1;
            if (keys == null) {
                if (paused > 0 && --paused > 0) return;
                keys = new String[SLOTS];
                pieces = new String[SLOTS * PIECE_COLUMNS];
                if (tableSeparator == null) tableSeparator = sep;
            }
            if (sep == tableSeparator || sep.equals(tableSeparator)) {
                int h = s.hashCode();
                int at = (h ^ (h >>> 14)) & (SLOTS - 1);
                String key = keys[at];
                if (key == s || s.equals(key)) {
                    hits++;
                    slot = at;
                } else if (s.length() <= MAX_LENGTH) {
                    keys[at] = s;
                    java.util.Arrays.fill(pieces, at * PIECE_COLUMNS, at * PIECE_COLUMNS + PIECE_COLUMNS, null);
                    slot = at;
                }
            } // else a separator that varies by row: only the first is remembered, the others count as misses
            if (++lookups == WINDOW) {
                if (hits * MIN_HIT_SHARE < lookups) pause();
                lookups = 0;
                hits = 0;
            }
        }

        /** Whether the table of recent values is in use (for tests). */
        boolean remembering() { return keys != null; }

        private void pause() {
            keys = null;
            pieces = null;
            paused = PAUSE;
            slot = -1;
        }

        /** Piece {@code index} of the current value (scanning on from the delimiters found so far), or null. */
        private String cut(long index) {
            String s = text;
            if (s.isEmpty()) return null; // here rather than per call: a hit never needs it
            int step = Math.max(separator.length(), 1);
            while (found <= index && !exhausted) {
                int at = indexOfSeparator(s, separator, found == 0 ? 0 : delimiters[found - 1] + step);
                if (at < 0) {
                    exhausted = true;
                } else {
                    if (found == delimiters.length) delimiters = java.util.Arrays.copyOf(delimiters, found * 2);
                    delimiters[found++] = at;
                }
            }
            if (index > found) return null;
            int i = (int) index;
            return s.substring(i == 0 ? 0 : delimiters[i - 1] + step, i < found ? delimiters[i] : s.length());
        }
    }

    private static int indexOfSeparator(String s, String separator, int from) {
        if (separator.length() == 1) return s.indexOf(separator.charAt(0), from);
        if (!separator.isEmpty()) return s.indexOf(separator, from);
        for (int i = from; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) return i;
        }
        return -1;
    }

    /** CONCAT_WS: {@code joined} is every non-NULL argument prefixed by the separator; drops the first prefix. */
    public static String dropPrefix(String joined, String separator) {
        return joined.isEmpty() ? joined : joined.substring(separator.length());
    }

    /** PROCTIME(): the wall clock in epoch milliseconds (never constant-folded; see Lowering). */
    public static long proctime() { return System.currentTimeMillis(); }

    /** A DATE_FORMAT pattern compiled once (a kernel constant for a literal pattern). */
    public record DatePattern(String pattern, java.time.format.DateTimeFormatter formatter) {
        public DatePattern(String pattern) {
            this(pattern, compile(pattern));
        }

        private static java.time.format.DateTimeFormatter compile(String pattern) {
            try {
                return java.time.format.DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(java.time.ZoneOffset.UTC);
            } catch (IllegalArgumentException e) {
                throw error("invalid DATE_FORMAT pattern '" + pattern + "': " + e.getMessage()
                        + " (use Java date patterns such as 'yyyy-MM-dd HH:mm:ss')");
            }
        }
    }

    private static final Map<String, DatePattern> DATE_PATTERN_CACHE = new ConcurrentHashMap<>();

    /** DATE_FORMAT(ts, pattern) with a pattern known only at run time (cached compile). */
    public static String dateFormat(long millis, String pattern) {
        DatePattern p = DATE_PATTERN_CACHE.get(pattern);
        if (p == null) {
            if (DATE_PATTERN_CACHE.size() > 256) DATE_PATTERN_CACHE.clear();
            p = new DatePattern(pattern);
            DATE_PATTERN_CACHE.put(pattern, p);
        }
        return dateFormat(millis, p);
    }

    /** DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm'): the timestamp (epoch millis, UTC) in the pattern's form. */
    public static String dateFormat(long millis, DatePattern pattern) {
        return pattern.formatter().format(java.time.Instant.ofEpochMilli(millis));
    }

    // ---------------------------------------------------------------- LIKE / SIMILAR TO

    public static boolean matches(String s, Pattern p) { return p.matcher(s).matches(); }
    /** LIKE / SIMILAR TO with a literal pattern and the kernel's own matcher of it. */
    public static boolean matches(String s, Pattern p, java.util.regex.Matcher m) { return m.reset(s).matches(); }
    public static boolean startsWith(String s, String prefix) { return s.startsWith(prefix); }
    public static boolean endsWith(String s, String suffix) { return s.endsWith(suffix); }
    public static boolean contains(String s, String part) { return s.contains(part); }
    public static boolean equalsString(String s, String t) { return s.equals(t); }

    public static boolean like(String s, String pattern, String escape) {
        return regex(likeToRegex(pattern, escape)).matcher(s).matches();
    }

    public static boolean like(String s, String pattern) { return like(s, pattern, null); }

    public static boolean similar(String s, String pattern, String escape) {
        return regex(similarToRegex(pattern, escape)).matcher(s).matches();
    }

    public static boolean similar(String s, String pattern) { return similar(s, pattern, null); }

    static char escapeChar(String escape) {
        if (escape == null) return 0;
        if (escape.length() != 1) throw error("the ESCAPE clause must be a single character, got '" + escape + "'");
        return escape.charAt(0);
    }

    /** A LIKE pattern as a Java regex: {@code %} any run, {@code _} any one character, the escape quoting. */
    public static String likeToRegex(String pattern, String escape) {
        char esc = escapeChar(escape);
        StringBuilder sb = new StringBuilder(pattern.length() + 8);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (esc != 0 && c == esc) {
                if (i + 1 >= pattern.length()) throw error("LIKE pattern '" + pattern + "' ends with the escape character");
                char n = pattern.charAt(++i);
                if (n != '%' && n != '_' && n != esc) throw error("invalid escape sequence in LIKE pattern '" + pattern + "'");
                sb.append(Pattern.quote(String.valueOf(n)));
            } else if (c == '%') {
                sb.append("(?s:.*)");
            } else if (c == '_') {
                sb.append("(?s:.)");
            } else {
                quoteChar(sb, c);
            }
        }
        return sb.toString();
    }

    /** A SIMILAR TO pattern as a Java regex: LIKE wildcards plus {@code | * + ? {m,n} ( ) [ ]}. */
    public static String similarToRegex(String pattern, String escape) {
        char esc = escapeChar(escape);
        StringBuilder sb = new StringBuilder(pattern.length() + 8);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (esc != 0 && c == esc) {
                if (i + 1 >= pattern.length()) throw error("SIMILAR TO pattern '" + pattern + "' ends with the escape character");
                quoteChar(sb, pattern.charAt(++i));
            } else if (c == '%') {
                sb.append("(?s:.*)");
            } else if (c == '_') {
                sb.append("(?s:.)");
            } else if ("|*+?{}()[]^-,".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                quoteChar(sb, c);
            }
        }
        return sb.toString();
    }

    private static void quoteChar(StringBuilder sb, char c) {
        if ("\\.[]{}()<>*+-=!?^$|".indexOf(c) >= 0) sb.append('\\');
        sb.append(c);
    }
}
