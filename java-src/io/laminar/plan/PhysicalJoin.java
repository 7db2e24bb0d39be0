package io.laminar.plan;

import io.laminar.data.Schema;
import io.laminar.operator.StreamOperator;
import io.laminar.operator.join.IntervalJoin;
import io.laminar.operator.join.JoinType;
import io.laminar.operator.join.RegularJoin;
import io.laminar.state.StateBackend;

/**
 * A two-input join, rows of each side routed by its key columns. {@code interval} says which physical join: a
 * time-bounded interval join (the right row's time within {@code [left time + lower, left time + upper]}, state
 * evicted behind the watermark) or, when null, a regular join that keeps every row (a changelog with retractions).
 *
 * @param leftTime  the event-time column of the left input (interval joins)
 * @param rightTime the event-time column of the right input (interval joins)
 * @param condition the join condition as SQL-ish text, for EXPLAIN
 */
public record PhysicalJoin(Schema left, Schema right, int[] leftKeys, int[] rightKeys, JoinType type, Interval interval,
                           int leftTime, int rightTime, Schema outputSchema, String condition) implements PhysicalOperator {

    /** Inclusive bounds, in milliseconds, of {@code right time - left time}. */
    public record Interval(long lower, long upper) {}

    @Override public StreamOperator instantiate(StateBackend backend, String name) {
        if (interval != null) {
            return new IntervalJoin(left, right, leftKeys, rightKeys, leftTime, rightTime, interval.lower(), interval.upper(),
                    type, outputSchema);
        }
        return new RegularJoin(left, right, leftKeys, rightKeys, type, outputSchema); // heap state, snapshotted
    }

    @Override public String explain() {
        String kind = interval != null ? "IntervalJoin" : "RegularJoin";
        String state = interval != null
                ? "state: a left row until the watermark passes its time + " + interval.upper() + " ms, a right row until it "
                        + "passes its time - " + interval.lower() + " ms"
                : "state: every row of both inputs, unbounded";
        return kind + "(" + type + ", " + condition + (interval != null ? ", " + right.field(rightTime).name() + " - "
                + left.field(leftTime).name() + " in [" + interval.lower() + " ms, " + interval.upper() + " ms]" : "")
                + "; " + state + ")";
    }
}
