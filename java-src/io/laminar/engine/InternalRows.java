package io.laminar.engine;

import io.laminar.data.Batch;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import io.laminar.data.Values;
import java.math.BigDecimal;

/**
 * Between Laminar values and Calcite's internal row representation used by ad-hoc queries (Enumerable/Interpreter):
 * TIMESTAMP as Long epoch millis, DATE as Integer days, TIME as Integer millis, INTEGER as Integer, BIGINT as Long.
 */
public final class InternalRows {
    private InternalRows() {}

    public static Object[] fromBatch(Batch b, int row) {
        Object[] out = new Object[b.columnCount()];
        for (int c = 0; c < out.length; c++) {
            if (!b.nulls[c][row]) out[c] = value(b.schema.field(c), b, c, row);
        }
        return out;
    }

    /** Column {@code c} of row {@code row} (not null) as Calcite represents a value of {@code f}'s type. */
    static Object value(Field f, Batch b, int c, int row) {
        return switch (f.type()) {
            case BOOLEAN -> b.longs[c][row] != 0;
            case TINYINT -> (byte) b.longs[c][row];
            case SMALLINT -> (short) b.longs[c][row];
            case INTEGER, DATE, TIME -> (int) b.longs[c][row];
            case BIGINT, TIMESTAMP, INTERVAL_MILLIS, INTERVAL_MONTHS -> b.longs[c][row];
            case FLOAT, DOUBLE -> b.doubles[c][row];
            case DECIMAL -> b.decimal(c, row);
            case VARCHAR, VARBINARY -> b.objects[c][row];
        };
    }

    /** A Calcite internal value to the Java value users see (see {@link Values}). */
    static Object toJava(Field f, Object v) {
        if (v == null) return null;
        return switch (f.type()) {
            case BOOLEAN -> v instanceof Boolean ? v : ((Number) v).longValue() != 0;
            case TINYINT, SMALLINT, INTEGER -> ((Number) v).intValue();
            case BIGINT -> ((Number) v).longValue();
            case FLOAT, DOUBLE -> ((Number) v).doubleValue();
            case DECIMAL -> v instanceof BigDecimal ? v : new BigDecimal(v.toString());
            case VARCHAR -> v.toString();
            case TIMESTAMP -> java.time.Instant.ofEpochMilli(v instanceof Number n ? n.longValue() : Values.timestampMillis(v));
            case DATE -> java.time.LocalDate.ofEpochDay(((Number) v).longValue());
            case TIME -> java.time.LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000_000L);
            case INTERVAL_MILLIS -> java.time.Duration.ofMillis(((Number) v).longValue());
            case INTERVAL_MONTHS -> ((Number) v).longValue();
            case VARBINARY -> v instanceof org.apache.calcite.avatica.util.ByteString bs ? bs.getBytes() : v;
        };
    }

    static Object[] toJava(Schema s, Object[] row) {
        Object[] out = new Object[row.length];
        for (int i = 0; i < row.length; i++) out[i] = toJava(s.field(i), row[i]);
        return out;
    }
}
