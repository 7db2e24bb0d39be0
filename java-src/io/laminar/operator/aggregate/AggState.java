package io.laminar.operator.aggregate;

/**
 * The accumulators of one group: unboxed slots laid out by {@link Aggregators}. One instance per (window, key);
 * not final because the grouping operators keep their per-group bookkeeping in the same object ({@link GroupState}),
 * one object and one pointer chase fewer per row on a group that is not in cache.
 */
public class AggState {
    public final long[] l;
    public final double[] d;
    public final Object[] o;

    private static final long[] NO_LONGS = {};
    private static final double[] NO_DOUBLES = {};
    private static final Object[] NO_OBJECTS = {};

    AggState(int longs, int doubles, int objects) {
        // one state per (window, key): kinds of slot a call list never uses share one empty array
        l = longs == 0 ? NO_LONGS : new long[longs];
        d = doubles == 0 ? NO_DOUBLES : new double[doubles];
        o = objects == 0 ? NO_OBJECTS : new Object[objects];
    }
}
