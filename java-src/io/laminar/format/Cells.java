package io.laminar.format;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.laminar.ErrorCode;
import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.Values;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The type rules every format shares: text (a CSV cell, a JSON string) into a column, a column into text, and the
 * errors that name the column and the type it expects. Stateless.
 */
final class Cells {
    private static final int MAX_SHOWN = 60;

    private Cells() {}

    /** Stores {@code text[off, off+len)} into cell ({@code col}, {@code row}) by the column's type. */
    static void fromText(Batch b, int col, int row, Field f, char[] s, int off, int len) {
        ColumnType type = f.type();
        switch (type) {
            case VARCHAR -> b.setObject(col, row, new String(s, off, len));
            case BOOLEAN -> {
                int[] span = trim(s, off, len);
                if (equalsIgnoreCase(s, span[0], span[1], "true")) b.setLong(col, row, 1);
                else if (equalsIgnoreCase(s, span[0], span[1], "false")) b.setLong(col, row, 0);
                else throw mismatch(f, quote(s, off, len), null);
            }
            case TINYINT, SMALLINT, INTEGER, BIGINT -> b.setLong(col, row, checkRange(f, parseIntegral(f, s, off, len)));
            case FLOAT, DOUBLE -> {
                String t = new String(s, off, len).trim();
                try {
                    b.setDouble(col, row, Double.parseDouble(t));
                } catch (NumberFormatException e) {
                    throw mismatch(f, quote(s, off, len), null);
                }
            }
            case DECIMAL -> {
                int[] span = trim(s, off, len);
                BigDecimal d;
                try {
                    d = new BigDecimal(s, span[0], span[1] - span[0]);
                } catch (NumberFormatException e) {
                    throw mismatch(f, quote(s, off, len), null);
                }
                b.setObject(col, row, fitDecimal(f, d));
            }
            case TIMESTAMP -> {
                long ms = TimeText.parseTimestamp(s, off, len);
                if (ms == TimeText.NO_FAST_PATH) {
                    try {
                        ms = Values.parseTimestamp(new String(s, off, len));
                    } catch (IllegalArgumentException | ArithmeticException e) {
                        throw mismatch(f, quote(s, off, len),
                                "an ISO-8601 timestamp such as 2026-01-01T00:00:05.000 or epoch milliseconds");
                    }
                }
                b.setLong(col, row, ms);
            }
            case DATE -> {
                long days = TimeText.parseDate(s, off, len);
                if (days == TimeText.NO_FAST_PATH) {
                    String t = new String(s, off, len).trim();
                    try {
                        days = isInteger(t) ? Long.parseLong(t) : LocalDate.parse(t).toEpochDay();
                    } catch (DateTimeParseException | NumberFormatException e) {
                        throw mismatch(f, quote(s, off, len), "an ISO date such as 2026-01-31");
                    }
                }
                b.setLong(col, row, days);
            }
            case TIME -> {
                String t = new String(s, off, len).trim();
                try {
                    b.setLong(col, row, isInteger(t) ? Long.parseLong(t) : LocalTime.parse(t).toNanoOfDay() / 1_000_000L);
                } catch (DateTimeParseException | NumberFormatException e) {
                    throw mismatch(f, quote(s, off, len), "a time such as 12:30:00");
                }
            }
            case INTERVAL_MILLIS -> {
                String t = new String(s, off, len).trim();
                try {
                    b.setLong(col, row, isInteger(t) ? Long.parseLong(t) : Duration.parse(t).toMillis());
                } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
                    throw mismatch(f, quote(s, off, len), "milliseconds or an ISO-8601 duration such as PT5S");
                }
            }
            case INTERVAL_MONTHS -> {
                String t = new String(s, off, len).trim();
                try {
                    b.setLong(col, row, isInteger(t) ? Long.parseLong(t) : Period.parse(t).toTotalMonths());
                } catch (DateTimeParseException | NumberFormatException e) {
                    throw mismatch(f, quote(s, off, len), "a number of months or an ISO-8601 period such as P1Y2M");
                }
            }
            case VARBINARY -> {
                try {
                    b.setObject(col, row, Base64.getDecoder().decode(new String(s, off, len).trim()));
                } catch (IllegalArgumentException e) {
                    throw mismatch(f, quote(s, off, len), "base64 text");
                }
            }
        }
    }

    static long parseIntegral(Field f, char[] s, int off, int len) {
        int end = off + len;
        int p = off;
        while (p < end && s[p] <= ' ') p++;
        while (end > p && s[end - 1] <= ' ') end--;
        boolean negative = p < end && s[p] == '-';
        int digitsStart = negative || (p < end && s[p] == '+') ? p + 1 : p;
        if (digitsStart < end && end - digitsStart <= 18) {
            long v = 0;
            int q = digitsStart;
            for (; q < end; q++) {
                char c = s[q];
                if (c < '0' || c > '9') break;
                v = v * 10 + (c - '0');
            }
            if (q == end) return negative ? -v : v;
        }
        // slow path: 19 digits, or a whole number written as a decimal (1.0, 1e3)
        String t = new String(s, p, end - p);
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            try {
                return new BigDecimal(t).longValueExact();
            } catch (NumberFormatException | ArithmeticException e2) {
                throw mismatch(f, quote(s, off, len), null);
            }
        }
    }

    /** Range-checks an integral value for TINYINT/SMALLINT/INTEGER. */
    static long checkRange(Field f, long v) {
        long min, max;
        switch (f.type()) {
            case TINYINT -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
            case SMALLINT -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
            case INTEGER -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
            default -> { return v; }
        }
        if (v < min || v > max) throw outOfRange(f, Long.toString(v));
        return v;
    }

    /** Rounds a decimal to the column's scale (as a SQL cast would) and checks its precision. */
    static BigDecimal fitDecimal(Field f, BigDecimal d) {
        if (f.scale() >= 0 && d.scale() != f.scale()) d = d.setScale(f.scale(), RoundingMode.HALF_UP);
        if (f.precision() > 0 && d.precision() - d.scale() > f.precision() - Math.max(f.scale(), 0)) {
            throw outOfRange(f, d.toPlainString());
        }
        return d;
    }

    // ---------------------------------------------------------------------------------------------------- errors

    static DecodeException mismatch(Field f, String got, String expected) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("column", f.name());
        data.put("type", f.sqlType());
        data.put("value", got);
        return new DecodeException(ErrorCode.WRONG_TYPE, "column '" + f.name() + "' expects " + f.sqlType()
                + (expected != null ? " (" + expected + ")" : "") + ", got " + got, data);
    }

    static DecodeException outOfRange(Field f, String got) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("column", f.name());
        data.put("type", f.sqlType());
        data.put("value", got);
        return new DecodeException(ErrorCode.WRONG_TYPE, "column '" + f.name() + "' expects " + f.sqlType()
                + ", got " + got + " (out of range)", data);
    }

    /** {@code 'text'}, shortened when long, for error messages. */
    static String quote(char[] s, int off, int len) {
        if (len > MAX_SHOWN) return "'" + new String(s, off, MAX_SHOWN) + "...'";
        return "'" + new String(s, off, len) + "'";
    }

    static String quote(String s) {
        return s.length() > MAX_SHOWN ? "'" + s.substring(0, MAX_SHOWN) + "...'" : "'" + s + "'";
    }

    // ---------------------------------------------------------------------------------------------------- output

    /** True when the column's text form is written as a JSON string (quoted), false when as a JSON literal. */
    static boolean isJsonString(ColumnType t) {
        return switch (t) {
            case VARCHAR, TIMESTAMP, DATE, TIME, VARBINARY -> true;
            default -> false;
        };
    }

    /** Appends the text form of a non-null cell (unquoted, unescaped). */
    static void appendText(Batch b, int col, int row, ColumnType t, StringBuilder out) {
        switch (t) {
            case BOOLEAN -> out.append(b.longs[col][row] != 0);
            case TINYINT, SMALLINT, INTEGER, BIGINT, INTERVAL_MILLIS, INTERVAL_MONTHS -> out.append(b.longs[col][row]);
            case FLOAT, DOUBLE -> out.append(b.doubles[col][row]);
            case DECIMAL -> {
                int scale = b.decimalScale(col);
                long u = scale >= 0 ? b.longs[col][row] : Batch.DECIMAL_SPILLED;
                if (u != Batch.DECIMAL_SPILLED) Values.appendPlainDecimal(u, scale, out); // no BigDecimal per row
                else out.append(b.decimal(col, row).toPlainString());
            }
            case VARCHAR -> out.append((String) b.objects[col][row]);
            case TIMESTAMP -> TimeText.appendTimestamp(b.longs[col][row], out);
            case DATE -> {
                long days = b.longs[col][row];
                if (!TimeText.appendDate(days, out)) out.append(LocalDate.ofEpochDay(days));
            }
            case TIME -> TimeText.appendTimeOfDay(Math.floorMod(b.longs[col][row], 86_400_000L), out, false);
            case VARBINARY -> out.append(Base64.getEncoder().encodeToString((byte[]) b.objects[col][row]));
        }
    }

    /** Appends a cell as a JSON value: null, a literal (numbers, booleans) or a quoted, escaped string. */
    static void appendJson(Batch b, int col, int row, ColumnType t, StringBuilder out) {
        if (b.nulls[col][row]) {
            out.append("null");
        } else if (t == ColumnType.VARCHAR) {
            out.append('"');
            JsonStringEncoder.getInstance().quoteAsString((String) b.objects[col][row], out);
            out.append('"');
        } else if (t == ColumnType.FLOAT || t == ColumnType.DOUBLE) {
            double d = b.doubles[col][row];
            if (Double.isFinite(d)) out.append(d);
            else out.append('"').append(d).append('"'); // NaN and infinities are not JSON numbers
        } else if (isJsonString(t)) {
            out.append('"');
            appendText(b, col, row, t, out);
            out.append('"');
        } else {
            appendText(b, col, row, t, out);
        }
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private static int[] trim(char[] s, int off, int len) {
        int end = off + len;
        while (off < end && s[off] <= ' ') off++;
        while (end > off && s[end - 1] <= ' ') end--;
        return new int[] {off, end};
    }

    private static boolean equalsIgnoreCase(char[] s, int from, int to, String word) {
        if (to - from != word.length()) return false;
        for (int i = 0; i < word.length(); i++) {
            if (Character.toLowerCase(s[from + i]) != word.charAt(i)) return false;
        }
        return true;
    }

    static boolean isInteger(String t) {
        int i = t.startsWith("-") ? 1 : 0;
        if (i == t.length()) return false;
        for (; i < t.length(); i++) {
            if (!Character.isDigit(t.charAt(i))) return false;
        }
        return true;
    }

    static boolean isBlank(char[] s, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (s[i] > ' ') return false;
        }
        return true;
    }
}
