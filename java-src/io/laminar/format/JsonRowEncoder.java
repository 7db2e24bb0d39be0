package io.laminar.format;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;

/**
 * JSON lines: one object per row, keys in schema order (pre-escaped once), a leading {@code "_op"} for updating
 * streams. Timestamps as ISO local date-time with milliseconds, dates and times ISO, decimals as numbers keeping
 * their scale, binaries as base64, NULL as {@code null}.
 */
final class JsonRowEncoder implements RowEncoder {
    private final ColumnType[] types;
    private final String[] keys;
    private final boolean updating;

    JsonRowEncoder(Schema schema, boolean updating) {
        this.updating = updating;
        int n = schema.size();
        types = new ColumnType[n];
        keys = new String[n];
        for (int c = 0; c < n; c++) {
            types[c] = schema.field(c).type();
            StringBuilder k = new StringBuilder();
            if (c > 0 || updating) k.append(',');
            k.append('"');
            JsonStringEncoder.getInstance().quoteAsString(schema.field(c).name(), k);
            keys[c] = k.append("\":").toString();
        }
    }

    @Override public String header() {
        return null;
    }

    @Override public void encode(Batch batch, int row, StringBuilder out) {
        out.append('{');
        if (updating) out.append("\"_op\":\"").append(RowKind.shortString(batch.ops[row])).append('"');
        for (int c = 0; c < types.length; c++) {
            out.append(keys[c]);
            Cells.appendJson(batch, c, row, types[c], out);
        }
        out.append('}');
    }
}
