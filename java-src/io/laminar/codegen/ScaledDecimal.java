package io.laminar.codegen;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * DECIMAL arithmetic on scaled longs: a value is an {@code unscaled} long and a {@code scale}, meaning
 * {@code unscaled × 10^-scale}, so compiled kernels add, subtract, multiply and compare decimals without allocating a
 * {@link BigDecimal} per row. Every operation gives exactly what the {@link BigDecimal} form in {@link Functions}
 * gives (the same HALF_UP rounding to the result's scale) or, when the result would not fit in a long, returns
 * {@link #OVERFLOW}; the kernel then evaluates the expression with {@link BigDecimal}s instead. {@code OVERFLOW} in
 * an argument propagates, so one check at the end of an expression covers every step. ({@code Long.MIN_VALUE} as a
 * genuine unscaled value is treated as an overflow too: the {@link BigDecimal} path is always correct, just slower.)
 */
public final class ScaledDecimal {
    /**
     * "Did not fit in a long": the caller falls back to {@link BigDecimal}. The same value marks a spilled cell of a
     * scaled-decimal column ({@link io.laminar.data.Batch#DECIMAL_SPILLED}), so reading such a column yields the
     * unscaled long directly and a spilled cell takes the fallback like any overflow.
     */
    public static final long OVERFLOW = io.laminar.data.Batch.DECIMAL_SPILLED;
    /** Scales beyond this are left to {@link BigDecimal} (10^18 is the largest power of ten in a long). */
    public static final int MAX_SCALE = io.laminar.data.Field.MAX_SCALED_DECIMAL_SCALE;

    private ScaledDecimal() {}

    /** {@code u} (at scale {@code from}) at scale {@code to}: exact when scaling up, HALF_UP when scaling down. */
    public static long rescale(long u, int from, int to) {
        if (u == OVERFLOW) return OVERFLOW;
        if (to == from) return u;
        if (to > from) {
            int d = to - from;
            if (d > MAX_SCALE) return u == 0 ? 0 : OVERFLOW;
            long f = io.laminar.data.Values.pow10(d);
            long hi = Math.multiplyHigh(u, f);
            long lo = u * f;
            if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) return OVERFLOW;
            return lo == OVERFLOW ? OVERFLOW : lo;
        }
        int d = from - to;
        if (d > MAX_SCALE + 1) return 0; // |u| < 10^19 < half of 10^d (d >= 20): rounds to zero
        if (d == MAX_SCALE + 1) return Math.abs(u) >= 5_000_000_000_000_000_000L ? Long.signum(u) : 0; // half of 10^19
        long f = io.laminar.data.Values.pow10(d);
        long q = u / f, r = u % f;
        // HALF_UP: away from zero when the dropped part is at least half (|r| < f <= 10^18, so 2|r| fits)
        if (Math.abs(r) * 2 >= f) q += u < 0 ? -1 : 1;
        return q;
    }

    /** {@code a + b} at scale {@code scale}. */
    public static long plus(long a, int sa, long b, int sb, int scale) {
        int s = Math.max(sa, sb);
        long x = rescale(a, sa, s), y = rescale(b, sb, s);
        if (x == OVERFLOW || y == OVERFLOW) return OVERFLOW;
        long sum = x + y;
        if (((x ^ sum) & (y ^ sum)) < 0) return OVERFLOW;
        return rescale(sum, s, scale);
    }

    /** {@code a - b} at scale {@code scale}. */
    public static long minus(long a, int sa, long b, int sb, int scale) {
        if (b == OVERFLOW) return OVERFLOW;
        return plus(a, sa, -b, sb, scale);
    }

    /** {@code a × b} at scale {@code scale} (the product is exact at scale {@code sa + sb}, then rounded). */
    public static long times(long a, int sa, long b, int sb, int scale) {
        if (a == OVERFLOW || b == OVERFLOW) return OVERFLOW;
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) return OVERFLOW;
        return rescale(lo, sa + sb, scale);
    }

    /** Compares two scaled values that are not {@link #OVERFLOW}; like {@link BigDecimal#compareTo}. */
    public static int compare(long a, int sa, long b, int sb) {
        int s = Math.max(sa, sb);
        long x = rescale(a, sa, s), y = rescale(b, sb, s);
        if (x != OVERFLOW && y != OVERFLOW) return Long.compare(x, y);
        return toBigDecimal(a, sa).compareTo(toBigDecimal(b, sb)); // magnitudes beyond a long: rare, allocates
    }

    /** The {@link BigDecimal} of a scaled value (not {@link #OVERFLOW}). */
    public static BigDecimal toBigDecimal(long u, int scale) {
        return BigDecimal.valueOf(u, scale);
    }

    /**
     * The scaled form of {@code v} at its own scale, or {@link #OVERFLOW} when its unscaled value does not fit a
     * long or its scale is negative or beyond {@link #MAX_SCALE} (used for DECIMAL literals at compile time).
     */
    public static long unscaledOf(BigDecimal v) {
        if (v.scale() < 0 || v.scale() > MAX_SCALE || v.unscaledValue().bitLength() > 63) return OVERFLOW;
        return v.unscaledValue().longValue();
    }

    /** The reference semantics the scaled forms must match (used by tests): {@link Functions}' BigDecimal forms. */
    static BigDecimal reference(String op, BigDecimal a, BigDecimal b, int scale) {
        return switch (op) {
            case "plus" -> a.add(b).setScale(scale, RoundingMode.HALF_UP);
            case "minus" -> a.subtract(b).setScale(scale, RoundingMode.HALF_UP);
            case "times" -> a.multiply(b).setScale(scale, RoundingMode.HALF_UP);
            default -> throw new IllegalArgumentException(op);
        };
    }
}
