package io.laminar.format;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;

/**
 * CSV (RFC 4180): values rendered as in JSON, a field quoted when it holds the delimiter, a quote or a line break,
 * or is an empty string (an empty unquoted field is NULL). {@code _op} is the first column of updating streams.
 */
final class CsvRowEncoder implements RowEncoder {
    private final ColumnType[] types;
    private final boolean updating;
    private final char delimiter;
    private final String header;
    private final StringBuilder scratch = new StringBuilder(64);

    CsvRowEncoder(Schema schema, boolean updating, char delimiter, boolean writeHeader) {
        this.updating = updating;
        this.delimiter = delimiter;
        int n = schema.size();
        types = new ColumnType[n];
        StringBuilder h = new StringBuilder();
        if (updating) h.append("_op");
        for (int c = 0; c < n; c++) {
            types[c] = schema.field(c).type();
            if (c > 0 || updating) h.append(delimiter);
            appendField(schema.field(c).name(), h);
        }
        header = writeHeader ? h.toString() : null;
    }

    @Override public String header() {
        return header;
    }

    @Override public void encode(Batch batch, int row, StringBuilder out) {
        if (updating) out.append(RowKind.shortString(batch.ops[row]));
        for (int c = 0; c < types.length; c++) {
            if (c > 0 || updating) out.append(delimiter);
            if (batch.nulls[c][row]) continue;
            ColumnType t = types[c];
            if (t == ColumnType.VARCHAR) {
                appendField((String) batch.objects[c][row], out);
            } else {
                scratch.setLength(0);
                Cells.appendText(batch, c, row, t, scratch);
                appendField(scratch, out);
            }
        }
    }

    private void appendField(CharSequence s, StringBuilder out) {
        boolean quote = s.length() == 0;
        for (int i = 0; i < s.length() && !quote; i++) {
            char ch = s.charAt(i);
            quote = ch == delimiter || ch == '"' || ch == '\n' || ch == '\r';
        }
        if (!quote) {
            out.append(s);
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') out.append('"');
            out.append(ch);
        }
        out.append('"');
    }
}
