package io.laminar.operator.rank;

import io.laminar.data.Batch;

/**
 * An ORDER BY over batch columns: compares row {@code a} of one batch with row {@code b} of another (same schema).
 * Nulls sort as SQL's default for the direction (last when ascending, first when descending) unless stated.
 */
public final class SortKey {
    private final int[] columns;
    private final boolean[] descending;
    private final boolean[] nullsFirst;

    public SortKey(int[] columns, boolean[] descending, boolean[] nullsFirst) {
        this.columns = columns;
        this.descending = descending;
        this.nullsFirst = nullsFirst;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compare(Batch x, int a, Batch y, int b) {
        for (int i = 0; i < columns.length; i++) {
            int c = columns[i];
            boolean xn = x.nulls[c][a], yn = y.nulls[c][b];
            int cmp;
            if (xn || yn) {
                if (xn && yn) continue;
                return xn == nullsFirst[i] ? -1 : 1; // x is null and nulls go first, or y is null and nulls go last
            }
            if (x.decimalScale(c) >= 0 && (x.longs[c][a] == Batch.DECIMAL_SPILLED || y.longs[c][b] == Batch.DECIMAL_SPILLED)) {
                cmp = x.decimal(c, a).compareTo(y.decimal(c, b)); // a spilled DECIMAL (else scaled longs compare as longs)
            } else if (x.longs[c] != null) {
                cmp = Long.compare(x.longs[c][a], y.longs[c][b]);
            } else if (x.doubles[c] != null) {
                cmp = Double.compare(x.doubles[c][a], y.doubles[c][b]);
            } else {
                cmp = ((Comparable) x.getObject(c, a)).compareTo(y.getObject(c, b));
            }
            if (cmp != 0) return descending[i] ? -cmp : cmp;
        }
        return 0;
    }
}
