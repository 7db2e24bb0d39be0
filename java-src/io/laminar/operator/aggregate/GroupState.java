package io.laminar.operator.aggregate;

/**
 * One group's accumulators ({@link AggState}, which this extends rather than points to: a group's lookup then
 * reaches its slots one cache miss sooner) plus, for EMIT EVERY, the row last emitted for it and whether it
 * changed since. Made by {@link Aggregators#newGroupState}.
 */
public final class GroupState extends AggState {
    public Object[] emitted;
    public boolean dirty;

    GroupState(int longs, int doubles, int objects) {
        super(longs, doubles, objects);
    }
}
