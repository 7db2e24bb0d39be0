package io.laminar.plan;

import io.laminar.data.Schema;
import io.laminar.operator.StreamOperator;
import io.laminar.operator.join.AsofJoin;
import io.laminar.operator.join.IntervalJoin;
import io.laminar.operator.join.JoinType;
import io.laminar.operator.join.RegularJoin;
import io.laminar.operator.upsert.Tombstones;
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
                           Asof asof, int leftTime, int rightTime, Schema outputSchema, String condition)
        implements PhysicalOperator {

    /**
     * Inclusive bounds, in milliseconds, of {@code right time - left time}; with {@code upperColumn >= 0} the upper
     * bound is instead that column of each left row ({@code r.ts <= l.expires}).
     */
    public record Interval(long lower, long upper, int upperColumn) {
        public Interval(long lower, long upper) { this(lower, upper, -1); }
    }

    /**
     * An ASOF join's match: which direction, whether equal times match, the largest distance (MAX_VALUE: none), and
     * for a temporal join over an upsert source which right rows are tombstones (null when none are).
     */
    public record Asof(AsofJoin.Direction direction, boolean strict, long tolerance, Tombstones rightTombstones) {
        public Asof(AsofJoin.Direction direction, boolean strict, long tolerance) {
            this(direction, strict, tolerance, null);
        }
    }

    @Override public StreamOperator instantiate(StateBackend backend, String name) {
        if (asof != null) {
            return new AsofJoin(left, right, leftKeys, rightKeys, leftTime, rightTime, asof.direction(), asof.strict(),
                    asof.tolerance(), type == JoinType.LEFT, outputSchema, asof.rightTombstones());
        }
        if (interval != null) {
            return new IntervalJoin(left, right, leftKeys, rightKeys, leftTime, rightTime, interval.lower(), interval.upper(),
                    interval.upperColumn(), type, outputSchema);
        }
        return new RegularJoin(left, right, leftKeys, rightKeys, type, outputSchema); // heap state, snapshotted
    }

    @Override public String explain() {
        if (asof != null) {
            String match = "right." + right.field(rightTime).name() + (asof.direction() == AsofJoin.Direction.BACKWARD ? (asof.strict() ? " < " : " <= ")
                    : asof.direction() == AsofJoin.Direction.FORWARD ? (asof.strict() ? " > " : " >= ") : " nearest to ")
                    + "left." + left.field(leftTime).name();
            return "AsofJoin(" + type + ", " + condition + ", " + match + (asof.tolerance() == Long.MAX_VALUE ? ""
                    : " within " + asof.tolerance() + " ms") + (asof.rightTombstones() == null ? ""
                    : "; a right row with every value column NULL deletes its key from its time on") + "; state: left rows until the watermark decides them, "
                    + (asof.direction() == AsofJoin.Direction.FORWARD ? "right rows ahead of the oldest of them"
                    : "per key the newest right row behind the watermark and those ahead of it") + ")";
        }
        String kind = interval != null ? "IntervalJoin" : "RegularJoin";
        if (interval != null && interval.upperColumn() >= 0) {
            String bound = "left." + left.field(interval.upperColumn()).name();
            return kind + "(" + type + ", " + condition + ", right." + right.field(rightTime).name() + " - left."
                    + left.field(leftTime).name() + " >= " + interval.lower() + " ms, right." + right.field(rightTime).name()
                    + " <= " + bound + "; state: a left row until the watermark passes its " + bound + ", a right row until "
                    + "it passes its time - " + interval.lower() + " ms)";
        }
        String state = interval != null
                ? "state: a left row until the watermark passes its time + " + interval.upper() + " ms, a right row until it "
                        + "passes its time - " + interval.lower() + " ms"
                : "state: every row of both inputs, unbounded";
        return kind + "(" + type + ", " + condition + (interval != null ? ", right." + right.field(rightTime).name() + " - left."
                + left.field(leftTime).name() + " in [" + interval.lower() + " ms, " + interval.upper() + " ms]" : "")
                + "; " + state + ")";
    }
}
