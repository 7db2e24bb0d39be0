package io.laminar.operator.aggregate;

/** One group's accumulators plus, for EMIT EVERY, the row last emitted for it and whether it changed since. */
public final class GroupState {
    public final AggState acc;
    public Object[] emitted;
    public boolean dirty;

    public GroupState(AggState acc) {
        this.acc = acc;
    }
}
