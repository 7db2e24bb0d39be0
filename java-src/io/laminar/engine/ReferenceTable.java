package io.laminar.engine;

import io.laminar.data.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reference table ({@code CREATE TABLE ... PRIMARY KEY}): rows keyed by primary key; INSERT upserts. Rows are kept
 * in Calcite's internal representation so ad-hoc queries scan them directly.
 */
final class ReferenceTable {
    private final Schema schema;
    private final int[] keyColumns;
    private final Map<List<Object>, Object[]> rows = new LinkedHashMap<>();

    ReferenceTable(Schema schema, int[] keyColumns) {
        this.schema = schema;
        this.keyColumns = keyColumns;
    }

    Schema schema() { return schema; }
    int[] keyColumns() { return keyColumns; }

    /** Inserts or replaces by primary key (a table without a key appends). */
    synchronized void upsert(Object[] internalRow) {
        if (keyColumns.length == 0) {
            rows.put(List.of(rows.size(), new Object()), internalRow);
            return;
        }
        Object[] key = new Object[keyColumns.length];
        for (int i = 0; i < key.length; i++) key[i] = internalRow[keyColumns[i]];
        rows.put(Arrays.asList(key), internalRow);
    }

    synchronized List<Object[]> snapshot() {
        return new ArrayList<>(rows.values());
    }

    synchronized int size() { return rows.size(); }
}
