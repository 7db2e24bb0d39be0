package io.laminar.data;

/**
 * The change a row of an updating stream stands for. Stored as a byte per row in {@link Batch#ops}; the
 * constants are the byte values. Append-only streams carry only {@link #INSERT}.
 */
public final class RowKind {
    public static final byte INSERT = 0;
    public static final byte UPDATE_BEFORE = 1;
    public static final byte UPDATE_AFTER = 2;
    public static final byte DELETE = 3;

    private static final String[] SHORT = {"+I", "-U", "+U", "-D"};

    private RowKind() {}

    /** {@code +I}, {@code -U}, {@code +U} or {@code -D}. */
    public static String shortString(byte kind) {
        return SHORT[kind];
    }

    public static byte fromShortString(String s) {
        for (byte i = 0; i < SHORT.length; i++) {
            if (SHORT[i].equals(s)) return i;
        }
        throw new IllegalArgumentException("unknown row kind " + s + "; expected +I, -U, +U or -D");
    }

    /** True for +I and +U: the row is (now) part of the result. */
    public static boolean isAccumulate(byte kind) {
        return kind == INSERT || kind == UPDATE_AFTER;
    }
}
