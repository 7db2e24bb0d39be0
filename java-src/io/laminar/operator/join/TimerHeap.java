package io.laminar.operator.join;

import java.util.Arrays;

/**
 * A min-heap of (time, id) pairs in two primitive arrays: eviction timers without an object per timer. Duplicate
 * entries are allowed; the owner checks on pop whether an entry still means anything.
 */
final class TimerHeap {
    private long[] times = new long[64];
    private int[] ids = new int[64];
    private int size;

    boolean isEmpty() { return size == 0; }
    void clear() { size = 0; }
    int size() { return size; }
    long peekTime() { return times[0]; }
    int peekId() { return ids[0]; }

    void add(long time, int id) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            ids = Arrays.copyOf(ids, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (times[parent] <= time) break;
            times[i] = times[parent];
            ids[i] = ids[parent];
            i = parent;
        }
        times[i] = time;
        ids[i] = id;
    }

    void pop() {
        long t = times[--size];
        int id = ids[size];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && times[child + 1] < times[child]) child++;
            if (times[child] >= t) break;
            times[i] = times[child];
            ids[i] = ids[child];
            i = child;
        }
        if (size > 0) {
            times[i] = t;
            ids[i] = id;
        }
    }
}
