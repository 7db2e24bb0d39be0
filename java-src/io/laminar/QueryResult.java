package io.laminar;

import io.laminar.data.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one statement: a message (DDL: "created stream hot_items"), a count of rows affected (INSERT), or
 * rows (SELECT, SHOW, DESCRIBE, EXPLAIN). Rows are Java values as described in {@link io.laminar.data.Values}.
 */
public final class QueryResult {
    public enum Kind { DDL, ROWS_AFFECTED, ROWS }

    private final Kind kind;
    private final String message;
    private final long rowsAffected;
    private final Schema schema;
    private final List<Object[]> rows;

    private QueryResult(Kind kind, String message, long rowsAffected, Schema schema, List<Object[]> rows) {
        this.kind = kind;
        this.message = message;
        this.rowsAffected = rowsAffected;
        this.schema = schema;
        this.rows = rows;
    }

    public static QueryResult ddl(String message) {
        return new QueryResult(Kind.DDL, message, 0, null, List.of());
    }

    public static QueryResult affected(long n, String message) {
        return new QueryResult(Kind.ROWS_AFFECTED, message, n, null, List.of());
    }

    public static QueryResult rows(Schema schema, List<Object[]> rows) {
        return new QueryResult(Kind.ROWS, null, 0, schema, Collections.unmodifiableList(rows));
    }

    public Kind kind() { return kind; }
    public String message() { return message; }
    public long rowsAffected() { return rowsAffected; }
    public Schema schema() { return schema; }
    public List<Object[]> rows() { return rows; }

    public List<String> columnNames() {
        return schema == null ? List.of() : schema.names();
    }

    /** Rows as maps from column name to value, in column order. */
    public List<Map<String, Object>> toMaps() {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < r.length; i++) m.put(schema.field(i).name(), r[i]);
            out.add(m);
        }
        return out;
    }

    /** A plain-text rendering: the message, or an aligned table. */
    public String format() {
        if (kind != Kind.ROWS) return message;
        List<String> names = columnNames();
        int[] widths = new int[names.size()];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < widths.length; i++) widths[i] = names.get(i).length();
        for (Object[] r : rows) {
            String[] c = new String[r.length];
            for (int i = 0; i < r.length; i++) {
                c[i] = Output.render(r[i]);
                if (!c[i].contains("\n")) widths[i] = Math.max(widths[i], c[i].length());
            }
            cells.add(c);
        }
        if (widths.length == 1) {
            // single-column results (EXPLAIN, DESCRIBE text) print as is
            StringBuilder sb = new StringBuilder();
            for (String[] c : cells) sb.append(c[0]).append('\n');
            return sb.toString().stripTrailing();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < widths.length; i++) sb.append(i == 0 ? "" : " | ").append(pad(names.get(i), widths[i]));
        sb.append('\n');
        for (int i = 0; i < widths.length; i++) sb.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        for (String[] c : cells) {
            sb.append('\n');
            for (int i = 0; i < c.length; i++) sb.append(i == 0 ? "" : " | ").append(pad(c[i], widths[i]));
        }
        sb.append("\n(").append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)");
        return sb.toString();
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    @Override public String toString() { return format(); }
}
