package io.laminar.connector.generator;

/**
 * A tiny counter-based random stream (SplitMix64) that can be positioned on {@code (seed, event, field)} without
 * allocating: each field of each event draws from its own stream, so any event, and any field of it, can be
 * generated alone, and skipping a field never shifts the values of the others. The algorithm is ours and fixed, so
 * streams are identical on every JVM and version. Single-threaded: each generator owns one.
 */
final class EventRandom {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long FIELD_MULTIPLIER = 0xD1B54A32D192ED03L;

    private final long seedHash;
    private long state;
    /** The event whose hash {@link #eventHash} holds. */
    private long eventOfHash;
    private long eventHash;

    EventRandom(long seed) {
        this.seedHash = mix(seed ^ 0x5DEECE66DL);
        this.eventHash = mix(seedHash); // of event 0
    }

    /** Positions the stream on field {@code field} of event {@code n}. */
    void reset(long n, int field) {
        if (n != eventOfHash) { // the fields of one event share the event's hash: mixed once, not once per field
            eventHash = mix(seedHash + n * GOLDEN);
            eventOfHash = n;
        }
        state = eventHash ^ (field + 1) * FIELD_MULTIPLIER;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        return mix(state += GOLDEN);
    }

    /** Uniform in {@code [0, bound)} for {@code 0 < bound <= 2^31-1} (multiply-shift, bias below 2^-32). */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in {@code [0, bound)} for any positive bound. */
    long nextLong(long bound) {
        return Math.unsignedMultiplyHigh(nextLong(), bound);
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
