package io.laminar.engine;

import io.laminar.data.Batch;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import io.laminar.lookup.KeyedRows;
import io.laminar.lookup.RowLookup;
import io.laminar.exec.ExecStage;
import io.laminar.plan.PhysicalStage;

/**
 * A stream joined with a reference table or a lookup table by its primary key (see {@link io.laminar.plan.LookupTable}): each row
 * looks up the table row it names and continues with that row's columns appended; without a partner it is dropped
 * (INNER) or padded with nulls (LEFT). Rows of a changelog keep their kind.
 */
record LookupJoinStage(KeyedRows table, Schema stream, int[] streamKeys, int[] project, boolean keepUnmatched,
                       Schema outputSchema, String description) implements PhysicalStage {

    @Override public ExecStage instantiate() {
        Batch out = new Batch(outputSchema, 1024);
        int[] tableKeys = table.keyColumns();
        Object[] key = new Object[tableKeys.length]; // refilled per row
        java.util.List<Object> keyView = java.util.Arrays.asList(key);
        Field[] keyFields = new Field[tableKeys.length];
        for (int k = 0; k < keyFields.length; k++) keyFields[k] = table.schema().field(tableKeys[k]);
        RowLookup lookup = table.newLookup(); // this core's own (connection, cache)
        int width = stream.size();
        return in -> {
            out.clear();
            rows:
            for (int r = 0; r < in.size; r++) {
                for (int k = 0; k < key.length; k++) {
                    if (in.nulls[streamKeys[k]][r]) { // a NULL key matches nothing
                        if (keepUnmatched) padded(out, in, r, width);
                        continue rows;
                    }
                    key[k] = InternalRows.value(keyFields[k], in, streamKeys[k], r); // as the table stores its key
                }
                Object[] partner = lookup.lookup(keyView);
                if (partner == null) {
                    if (keepUnmatched) padded(out, in, r, width);
                    continue;
                }
                int o = out.addRow(in.ops[r]);
                for (int c = 0; c < width; c++) out.copyValue(c, o, in, c, r);
                for (int c = 0; c < project.length; c++) {
                    put(out, width + c, o, outputSchema.field(width + c), partner[project[c]]);
                }
            }
            return out;
        };
    }

    private static void padded(Batch out, Batch in, int r, int width) {
        int o = out.addRow(in.ops[r]);
        for (int c = 0; c < width; c++) out.copyValue(c, o, in, c, r);
        for (int c = width; c < out.columnCount(); c++) out.setNull(c, o);
    }

    /** A table value (Calcite's internal representation) into a batch column. */
    private static void put(Batch out, int c, int o, Field f, Object v) {
        if (v == null) {
            out.setNull(c, o);
            return;
        }
        if (f.storage() == io.laminar.data.ColumnType.Storage.SCALED_DECIMAL) {
            out.setDecimal(c, o, v instanceof java.math.BigDecimal d ? d : new java.math.BigDecimal(v.toString()));
        } else if (out.longs[c] != null) {
            out.setLong(c, o, v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue());
        } else if (out.doubles[c] != null) {
            out.setDouble(c, o, ((Number) v).doubleValue());
        } else {
            out.setObject(c, o, v instanceof org.apache.calcite.avatica.util.ByteString bs ? bs.getBytes()
                    : f.type() == io.laminar.data.ColumnType.VARCHAR ? v.toString() : v);
        }
    }

    @Override public String explain() { return description; }
    @Override public String code() { return null; }
}
