package io.laminar.format;

import io.laminar.ErrorCode;
import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import java.util.Arrays;
import java.util.Map;

/**
 * CSV (RFC 4180). Splits a record into cells in one pass, unescaping quoted cells into a reused scratch buffer,
 * then stores each cell by its column's type. Without a header, cells map to columns by position (a record with
 * fewer cells than columns is an error, extra cells are ignored); with {@code csv.header}, the first record of each
 * input names the columns (case-insensitively; unknown names ignored, absent columns NULL). An empty unquoted cell is
 * NULL, except for VARCHAR where it is the empty string; a blank cell is NULL for every non-VARCHAR column.
 */
final class CsvRowDecoder implements RowDecoder {
    private static final int IGNORED = -1;
    private static final int OP = -2;

    private final Schema schema;
    private final Field[] fields;
    private final char delimiter;
    private final boolean header;
    private final int[] positional;

    private boolean expectHeader;
    /** cell index → column (or IGNORED / OP) for the current input. */
    private int[] cellToColumn;

    // the cells of the current record: chars in `cells`, cell i is [starts[i], ends[i])
    private char[] cells = new char[256];
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int cellCount;

    CsvRowDecoder(Schema schema, char delimiter, boolean header) {
        this.schema = schema;
        this.fields = schema.fields().toArray(new Field[0]);
        this.delimiter = delimiter;
        this.header = header;
        this.positional = new int[fields.length];
        for (int i = 0; i < positional.length; i++) positional[i] = i;
        this.cellToColumn = positional;
        this.expectHeader = header;
    }

    @Override public int recordQuote() {
        return '"';
    }

    @Override public int fieldDelimiter() {
        return delimiter;
    }

    @Override public void beginInput() {
        expectHeader = header;
        cellToColumn = positional;
    }

    @Override public boolean decode(char[] text, int offset, int length, Batch batch) {
        split(text, offset, length);
        if (expectHeader) {
            readHeader();
            expectHeader = false;
            return false;
        }
        if (cellToColumn == positional && cellCount < fields.length) {
            throw new DecodeException(ErrorCode.BAD_ROW, "record has " + cellCount + " field"
                    + (cellCount == 1 ? "" : "s") + ", expected " + fields.length + " (" + String.join(", ", schema.names())
                    + ")", Map.of("fields", cellCount));
        }
        int row = batch.addRow(RowKind.INSERT);
        try {
            if (cellToColumn != positional) {
                for (int c = 0; c < fields.length; c++) batch.setNull(c, row);
            }
            int n = Math.min(cellCount, cellToColumn.length);
            for (int i = 0; i < n; i++) {
                int col = cellToColumn[i];
                if (col == IGNORED) continue;
                int s = starts[i], len = ends[i] - s;
                if (col == OP) {
                    batch.ops[row] = readOp(s, len);
                    continue;
                }
                Field f = fields[col];
                if (f.type() == ColumnType.VARCHAR) {
                    batch.setObject(col, row, len == 0 ? "" : new String(cells, s, len));
                } else if (Cells.isBlank(cells, s, len)) {
                    batch.setNull(col, row);
                } else {
                    Cells.fromText(batch, col, row, f, cells, s, len);
                }
            }
            return true;
        } catch (RuntimeException e) {
            for (Object[] col : batch.objects) {
                if (col != null) col[row] = null;
            }
            batch.size = row;
            throw e;
        }
    }

    private void readHeader() {
        int[] map = new int[cellCount];
        boolean[] taken = new boolean[fields.length];
        boolean opIsColumn = schema.indexOf("_op") >= 0;
        for (int i = 0; i < cellCount; i++) {
            String name = new String(cells, starts[i], ends[i] - starts[i]).trim();
            int col = schema.indexOf(name);
            if (col >= 0 && !taken[col]) {
                taken[col] = true;
                map[i] = col;
            } else if (col < 0 && !opIsColumn && name.equals("_op")) {
                map[i] = OP;
            } else {
                map[i] = IGNORED;
            }
        }
        cellToColumn = map;
    }

    private byte readOp(int s, int len) {
        if (len == 2) {
            char a = cells[s], b = cells[s + 1];
            if (a == '+' && b == 'I') return RowKind.INSERT;
            if (a == '-' && b == 'U') return RowKind.UPDATE_BEFORE;
            if (a == '+' && b == 'U') return RowKind.UPDATE_AFTER;
            if (a == '-' && b == 'D') return RowKind.DELETE;
        }
        if (len == 0) return RowKind.INSERT;
        throw new DecodeException(ErrorCode.BAD_ROW, "_op must be one of +I, -U, +U, -D, got "
                + Cells.quote(cells, s, len), Map.of("column", "_op"));
    }

    /** Splits {@code text} into cells (RFC 4180 quoting); throws on an unterminated or misplaced quote. */
    private void split(char[] text, int offset, int length) {
        if (cells.length < length) cells = new char[Math.max(length, cells.length * 2)];
        char[] out = cells;
        char delim = delimiter;
        int p = offset, end = offset + length, w = 0, n = 0;
        while (true) {
            int start = w;
            if (p < end && text[p] == '"') {
                p++;
                while (true) {
                    if (p >= end) {
                        throw DecodeException.badRow("unterminated quoted field " + (n + 1) + " (a '\"' opens it but none closes it)");
                    }
                    char ch = text[p++];
                    if (ch == '"') {
                        if (p < end && text[p] == '"') {
                            out[w++] = '"';
                            p++;
                        } else {
                            break;
                        }
                    } else {
                        out[w++] = ch;
                    }
                }
                if (p < end && text[p] != delim) {
                    throw DecodeException.badRow("unexpected character '" + text[p] + "' after the closing quote of field "
                            + (n + 1) + "; expected the delimiter '" + delim + "'");
                }
            } else {
                while (p < end) {
                    char ch = text[p];
                    if (ch == delim) break;
                    out[w++] = ch;
                    p++;
                }
            }
            if (n == starts.length) grow();
            starts[n] = start;
            ends[n] = w;
            n++;
            if (p >= end) break;
            p++; // the delimiter
        }
        cellCount = n;
    }

    private void grow() {
        int cap = starts.length * 2;
        starts = Arrays.copyOf(starts, cap);
        ends = Arrays.copyOf(ends, cap);
    }
}
