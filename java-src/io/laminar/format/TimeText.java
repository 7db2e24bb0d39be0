package io.laminar.format;

import io.laminar.data.Values;

/**
 * Hand-written parsing and printing of the common ISO-8601 timestamp and date forms, straight from and into
 * character buffers. Anything unusual (a zone region, years past 9999) is left to {@link Values}, which is exact but
 * several times slower. Stateless.
 */
final class TimeText {
    /** Returned by the parse methods when the text is not in a form they handle; the caller falls back. */
    static final long NO_FAST_PATH = Long.MIN_VALUE;

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private TimeText() {}

    /**
     * Epoch milliseconds of {@code YYYY-MM-DD[('T'|' ')HH:MM[:SS[.fraction]]][Z|(+|-)HH[:MM]]}, or bare epoch
     * milliseconds; {@link #NO_FAST_PATH} for anything else (including invalid dates, so the slow path explains).
     */
    static long parseTimestamp(char[] s, int off, int len) {
        int end = off + len;
        while (off < end && s[off] <= ' ') off++;
        while (end > off && s[end - 1] <= ' ') end--;
        if (end - off < 10) return allDigitsLong(s, off, end);
        if (s[off + 4] != '-') return allDigitsLong(s, off, end);
        long days = parseDateAt(s, off);
        if (days == NO_FAST_PATH) return NO_FAST_PATH;
        int p = off + 10;
        if (p == end) return days * MILLIS_PER_DAY;
        if (s[p] != 'T' && s[p] != ' ' && s[p] != 't') return NO_FAST_PATH;
        p++;
        if (end - p < 5 || s[p + 2] != ':') return NO_FAST_PATH;
        int hour = two(s, p), minute = two(s, p + 3);
        p += 5;
        int second = 0, millis = 0;
        if (p < end && s[p] == ':') {
            if (end - p < 3) return NO_FAST_PATH;
            second = two(s, p + 1);
            p += 3;
            if (p < end && (s[p] == '.' || s[p] == ',')) {
                p++;
                int digits = 0;
                while (p < end && s[p] >= '0' && s[p] <= '9') {
                    if (digits < 3) millis = millis * 10 + (s[p] - '0');
                    digits++;
                    p++;
                }
                if (digits == 0 || digits > 9) return NO_FAST_PATH;
                for (int d = digits; d < 3; d++) millis *= 10;
            }
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return NO_FAST_PATH;
        int offsetSeconds = 0;
        if (p < end) {
            char c = s[p];
            if ((c == 'Z' || c == 'z') && p + 1 == end) {
                offsetSeconds = 0;
            } else if (c == '+' || c == '-') {
                int rest = end - p - 1;
                int oh, om = 0;
                if (rest == 2) {
                    oh = two(s, p + 1);
                } else if (rest == 4) {
                    oh = two(s, p + 1);
                    om = two(s, p + 3);
                } else if (rest == 5 && s[p + 3] == ':') {
                    oh = two(s, p + 1);
                    om = two(s, p + 4);
                } else {
                    return NO_FAST_PATH;
                }
                if (oh < 0 || oh > 18 || om < 0 || om > 59) return NO_FAST_PATH;
                offsetSeconds = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
            } else {
                return NO_FAST_PATH;
            }
        }
        return days * MILLIS_PER_DAY + hour * 3_600_000L + minute * 60_000L + second * 1000L + millis
                - offsetSeconds * 1000L;
    }

    /** Epoch days of {@code YYYY-MM-DD} (surrounding blanks allowed), or {@link #NO_FAST_PATH}. */
    static long parseDate(char[] s, int off, int len) {
        int end = off + len;
        while (off < end && s[off] <= ' ') off++;
        while (end > off && s[end - 1] <= ' ') end--;
        if (end - off != 10) return NO_FAST_PATH;
        return parseDateAt(s, off);
    }

    private static long parseDateAt(char[] s, int off) {
        if (s[off + 4] != '-' || s[off + 7] != '-') return NO_FAST_PATH;
        int y1 = two(s, off), y2 = two(s, off + 2), month = two(s, off + 5), day = two(s, off + 8);
        if (y1 < 0 || y2 < 0 || month < 1 || month > 12 || day < 1) return NO_FAST_PATH;
        int year = y1 * 100 + y2;
        if (day > monthLength(year, month)) return NO_FAST_PATH;
        return daysFromCivil(year, month, day);
    }

    private static long allDigitsLong(char[] s, int off, int end) {
        int p = off;
        boolean negative = p < end && s[p] == '-';
        if (negative) p++;
        if (p == end || end - p > 18) return NO_FAST_PATH;
        long v = 0;
        for (; p < end; p++) {
            char c = s[p];
            if (c < '0' || c > '9') return NO_FAST_PATH;
            v = v * 10 + (c - '0');
        }
        return negative ? -v : v;
    }

    /** Two decimal digits, or -1. */
    private static int two(char[] s, int p) {
        char a = s[p], b = s[p + 1];
        if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
        return (a - '0') * 10 + (b - '0');
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /** Appends {@code yyyy-MM-dd'T'HH:mm:ss.SSS} (UTC), exactly as {@link Values#formatTimestamp}. */
    static void appendTimestamp(long epochMillis, StringBuilder out) {
        long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        long ms = Math.floorMod(epochMillis, MILLIS_PER_DAY);
        if (!appendDate(days, out)) {
            out.append(Values.formatTimestamp(epochMillis));
            return;
        }
        out.append('T');
        appendTimeOfDay(ms, out, true);
    }

    /** Appends {@code HH:mm:ss} and {@code .SSS} when {@code alwaysMillis} or the millis are not zero. */
    static void appendTimeOfDay(long ms, StringBuilder out, boolean alwaysMillis) {
        int t = (int) ms;
        pad2(t / 3_600_000, out);
        out.append(':');
        pad2(t / 60_000 % 60, out);
        out.append(':');
        pad2(t / 1000 % 60, out);
        int millis = t % 1000;
        if (alwaysMillis || millis != 0) {
            out.append('.');
            if (millis < 100) out.append('0');
            if (millis < 10) out.append('0');
            out.append(millis);
        }
    }

    /** Appends {@code yyyy-MM-dd}; false (and nothing appended) for years outside 0..9999. */
    static boolean appendDate(long epochDays, StringBuilder out) {
        long z = epochDays + 719_468;
        long era = (z >= 0 ? z : z - 146_096) / 146_097;
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) y++;
        if (y < 0 || y > 9999) return false;
        int yi = (int) y;
        pad2(yi / 100, out);
        pad2(yi % 100, out);
        out.append('-');
        pad2(m, out);
        out.append('-');
        pad2(d, out);
        return true;
    }

    private static void pad2(int v, StringBuilder out) {
        out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
