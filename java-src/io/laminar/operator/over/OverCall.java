package io.laminar.operator.over;

import io.laminar.operator.aggregate.Aggregators.AggCallSpec;

/**
 * One function computed over the window. Ranking functions and LAG/LEAD ignore frames; aggregates (COUNT, SUM,
 * MIN, MAX, FIRST_VALUE, LAST_VALUE, ...) run over frame {@code frame} of the operator's frame list.
 *
 * @param argColumn     LAG/LEAD: the column whose earlier/later value is taken
 * @param offset        LAG/LEAD: how many rows back/ahead (at least 1)
 * @param defaultColumn LAG/LEAD: the column of the current row used when there is no such row (-1: use
 *                      {@code defaultValue}, a Java value or null for NULL)
 */
public record OverCall(Function function, int argColumn, int offset, int defaultColumn, Object defaultValue, int frame,
                       AggCallSpec aggregate) {
    public enum Function { ROW_NUMBER, RANK, DENSE_RANK, LAG, LEAD, AGGREGATE }

    public static OverCall ranking(Function f) {
        return new OverCall(f, -1, 0, -1, null, -1, null);
    }

    public static OverCall shift(Function f, int argColumn, int offset, int defaultColumn, Object defaultValue) {
        if (offset < 1) throw new IllegalArgumentException(f + " offset must be at least 1, got " + offset);
        return new OverCall(f, argColumn, offset, defaultColumn, defaultValue, -1, null);
    }

    public static OverCall aggregate(AggCallSpec aggregate, int frame) {
        return new OverCall(Function.AGGREGATE, aggregate.argColumn(), 0, -1, null, frame, aggregate);
    }
}
