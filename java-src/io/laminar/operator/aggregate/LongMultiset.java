package io.laminar.operator.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A sorted multiset of longs in two parallel primitive arrays (distinct values ascending, and how often each occurs):
 * the state of MIN/MAX over an updating input, which must find the next extreme when the current one is retracted.
 * Lookups are binary searches; an insert or a removal shifts the tail with one {@code arraycopy}, which for the
 * few hundred to few thousand distinct values a group typically holds is cheaper than a tree and allocates only
 * when the arrays grow. DOUBLE values are stored through {@link #sortableBits} so one structure serves both.
 * Single-threaded, like the operator that owns it.
 */
final class LongMultiset {
    private long[] values;
    private long[] counts;
    private int size;

    LongMultiset() {
        this(4);
    }

    private LongMultiset(int capacity) {
        values = new long[capacity];
        counts = new long[capacity];
    }

    /** Adds one occurrence of {@code v}. */
    void add(long v) { add(v, 1); }

    /** Adds {@code n} occurrences of {@code v}. */
    private void add(long v, long n) {
        int i = Arrays.binarySearch(values, 0, size, v);
        if (i >= 0) {
            counts[i] += n;
            return;
        }
        int at = -i - 1;
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        System.arraycopy(values, at, values, at + 1, size - at);
        System.arraycopy(counts, at, counts, at + 1, size - at);
        values[at] = v;
        counts[at] = n;
        size++;
    }

    /** Removes one occurrence of {@code v}; false when there was none (a retraction of a row never added). */
    boolean remove(long v) {
        int i = Arrays.binarySearch(values, 0, size, v);
        if (i < 0) return false;
        if (--counts[i] == 0) {
            System.arraycopy(values, i + 1, values, i, size - i - 1);
            System.arraycopy(counts, i + 1, counts, i, size - i - 1);
            size--;
        }
        return true;
    }

    boolean isEmpty() { return size == 0; }
    long min() { return values[0]; }
    long max() { return values[size - 1]; }
    int distinct() { return size; }

    /** Adds every occurrence held by {@code other} (session windows merging). */
    void addAll(LongMultiset other) {
        for (int i = 0; i < other.size; i++) add(other.values[i], other.counts[i]);
    }

    /** A long that orders like {@link Double#compare} orders doubles: the sign bit flips the order of negatives. */
    static long sortableBits(double d) {
        long bits = Double.doubleToLongBits(d);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    static double fromSortableBits(long bits) {
        return Double.longBitsToDouble(bits ^ ((bits >> 63) & Long.MAX_VALUE));
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeLong(values[i]);
            out.writeLong(counts[i]);
        }
    }

    static LongMultiset read(DataInput in) throws IOException {
        int n = in.readInt();
        LongMultiset m = new LongMultiset(Math.max(4, n));
        for (int i = 0; i < n; i++) {
            m.values[i] = in.readLong();
            m.counts[i] = in.readLong();
        }
        m.size = n;
        return m;
    }
}
