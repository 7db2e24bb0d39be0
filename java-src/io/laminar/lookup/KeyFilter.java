package io.laminar.lookup;

/**
 * A Bloom filter over the primary keys a lookup table held when it was built: {@link #mightContain} false means the
 * key was certainly absent, so a partial cache answers that miss without a fetch. Immutable once built; a newer one
 * replaces it when the table is reloaded. Sized for about 1% false positives (10 bits and 7 hashes per key).
 */
final class KeyFilter {
    private static final int HASHES = 7;
    private final long[] bits;
    private final long mask;
    private final long keys;

    private KeyFilter(long expectedKeys) {
        long wanted = Math.max(64, Long.highestOneBit(Math.max(1, expectedKeys) * 10 - 1) << 1);
        this.bits = new long[(int) Math.min(wanted >>> 6, 1 << 24)];
        this.mask = (long) bits.length * 64 - 1;
        this.keys = expectedKeys;
    }

    /** A filter holding {@code keys} (each in primary-key order). */
    static KeyFilter of(java.util.List<java.util.List<Object>> keys) {
        KeyFilter f = new KeyFilter(keys.size());
        for (java.util.List<Object> k : keys) f.add(k);
        return f;
    }

    private void add(java.util.List<Object> key) {
        long h = hash(key);
        long h2 = (h >>> 32) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = (h + i * h2) & mask;
            bits[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    boolean mightContain(java.util.List<Object> key) {
        long h = hash(key);
        long h2 = (h >>> 32) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = (h + i * h2) & mask;
            if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) return false;
        }
        return true;
    }

    long keys() { return keys; }

    /** A 64-bit mix of the key's values (equal keys, equal hashes: the same internal representation on both sides). */
    private static long hash(java.util.List<Object> key) {
        long h = 0x9E3779B97F4A7C15L;
        for (Object v : key) {
            h = (h ^ (v == null ? 0 : v.hashCode())) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h * 0x94D049BB133111EBL ^ (h >>> 29);
    }

    @Override public String toString() { return "KeyFilter(" + keys + " keys, " + bits.length * 64L + " bits)"; }
}
