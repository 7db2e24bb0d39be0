package io.laminar.operator.aggregate;

/**
 * The accumulators of one group: unboxed slots laid out by {@link Aggregators}. One instance per (window, key).
 */
public final class AggState {
    public final long[] l;
    public final double[] d;
    public final Object[] o;

    AggState(int longs, int doubles, int objects) {
        l = new long[longs];
        d = new double[doubles];
        o = new Object[objects];
    }
}
