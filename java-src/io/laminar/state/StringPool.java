package io.laminar.state;

/**
 * A small direct-mapped cache of strings that lets state kept per group share one instance per distinct string
 * value: group keys copied into a store ({@link KeyRow#copy(StringPool)}) and values an aggregate keeps (MIN/MAX of
 * a string). Strings built per row by a kernel — Nexmark q15–q17 group by {@code CAST(CAST(dateTime AS DATE) AS
 * VARCHAR)} — are fresh objects, so without sharing every group holds its own copy of the same day, and matching a
 * row against a group not in cache misses on that copy and its characters; shared, the few distinct values stay in
 * cache. Bounded (one slot per hash bucket, a newer string takes its bucket over) so it never grows with the data;
 * a string that lost its bucket is still correct, only not shared. Single-threaded, like the operator that owns it.
 */
public final class StringPool {
    private final String[] slots;
    private final int shift;

    /** A pool of {@code 2^bits} buckets. */
    public StringPool(int bits) {
        if (bits < 1 || bits > 20) throw new IllegalArgumentException("bits must be 1..20, not " + bits);
        slots = new String[1 << bits];
        shift = 32 - bits;
    }

    /**
     * Strings longer than this pass through unpooled: sharing pays for short values repeated across groups (days,
     * codes, names), and a pool of long texts would keep up to its size of them alive after their groups let go.
     */
    public static final int MAX_POOLED_LENGTH = 64;

    /**
     * The pooled instance equal to {@code value} when it is a string of at most {@link #MAX_POOLED_LENGTH} chars
     * (pooling it if its bucket missed); else {@code value}.
     */
    public Object canonical(Object value) {
        if (!(value instanceof String s) || s.length() > MAX_POOLED_LENGTH) return value;
        int i = (s.hashCode() * 0x9E3779B9) >>> shift;
        String pooled = slots[i];
        if (pooled != null && (pooled == s || pooled.equals(s))) return pooled;
        slots[i] = s;
        return s;
    }
}
