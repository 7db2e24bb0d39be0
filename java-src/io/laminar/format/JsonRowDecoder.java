package io.laminar.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.laminar.ErrorCode;
import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * JSON lines: one object per record. Reads tokens with Jackson's streaming parser straight from the record's chars
 * (no tree, no line string). Keys match columns case-insensitively through a cache keyed by Jackson's canonical key
 * strings, so a key costs one hash lookup after its first occurrence. Missing keys and {@code null} are NULL, unknown
 * keys are skipped, a nested object or array is kept as its JSON text for a VARCHAR column.
 */
final class JsonRowDecoder implements RowDecoder {
    private static final int UNKNOWN = -1;
    private static final int OP = -2;
    private static final int MAX_CACHED_KEYS = 4096;

    private final JsonFactory factory;
    private final Schema schema;
    private final Field[] fields;
    private final ColumnType[] types;
    private final boolean opIsColumn;
    private final Map<String, Integer> keyToColumn = new HashMap<>();

    JsonRowDecoder(JsonFactory factory, Schema schema) {
        this.factory = factory;
        this.schema = schema;
        this.fields = schema.fields().toArray(new Field[0]);
        this.types = new ColumnType[fields.length];
        for (int i = 0; i < fields.length; i++) types[i] = fields[i].type();
        this.opIsColumn = schema.indexOf("_op") >= 0;
    }

    @Override public boolean decode(char[] text, int offset, int length, Batch batch) {
        int row = batch.addRow(RowKind.INSERT);
        for (int c = 0; c < fields.length; c++) batch.setNull(c, row);
        try (JsonParser p = factory.createParser(text, offset, length)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw DecodeException.badRow("expected a JSON object, got " + describe(t, p));
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                int col = column(p.currentName());
                t = p.nextToken();
                if (col >= 0) {
                    readValue(p, t, batch, col, row);
                } else if (col == OP) {
                    batch.ops[row] = readOp(p, t);
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw DecodeException.badRow("unexpected text after the JSON object at character "
                        + (p.currentTokenLocation().getColumnNr()));
            }
            return true;
        } catch (DecodeException e) {
            rollback(batch, row);
            throw e;
        } catch (JsonProcessingException e) {
            rollback(batch, row);
            throw DecodeException.badRow("malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at character " + e.getLocation().getColumnNr() : ""));
        } catch (IOException e) {
            rollback(batch, row);
            throw DecodeException.badRow("cannot read JSON: " + e.getMessage());
        } catch (RuntimeException e) {
            rollback(batch, row);
            throw e;
        }
    }

    private static void rollback(Batch batch, int row) {
        for (Object[] col : batch.objects) {
            if (col != null) col[row] = null;
        }
        batch.size = row;
    }

    private int column(String key) {
        Integer cached = keyToColumn.get(key);
        if (cached != null) return cached;
        int col = schema.indexOf(key);
        if (col < 0) col = !opIsColumn && key.equals("_op") ? OP : UNKNOWN;
        if (keyToColumn.size() < MAX_CACHED_KEYS) keyToColumn.put(key, col);
        return col;
    }

    private void readValue(JsonParser p, JsonToken t, Batch b, int col, int row) throws IOException {
        Field f = fields[col];
        ColumnType type = types[col];
        switch (t) {
            case VALUE_NULL -> b.setNull(col, row);
            case VALUE_STRING -> {
                if (type == ColumnType.VARCHAR) b.setObject(col, row, p.getText());
                else if (type == ColumnType.VARBINARY) b.setObject(col, row, binary(p, f));
                else Cells.fromText(b, col, row, f, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            }
            case VALUE_NUMBER_INT -> {
                switch (type) {
                    case TINYINT, SMALLINT, INTEGER, BIGINT, TIMESTAMP, DATE, TIME, INTERVAL_MILLIS, INTERVAL_MONTHS -> {
                        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) throw Cells.outOfRange(f, p.getText());
                        b.setLong(col, row, Cells.checkRange(f, p.getLongValue()));
                    }
                    case FLOAT, DOUBLE -> b.setDouble(col, row, p.getDoubleValue());
                    case DECIMAL -> b.setObject(col, row, Cells.fitDecimal(f, p.getDecimalValue()));
                    case VARCHAR -> b.setObject(col, row, p.getText());
                    default -> throw Cells.mismatch(f, p.getText(), null);
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                switch (type) {
                    case FLOAT, DOUBLE -> b.setDouble(col, row, p.getDoubleValue());
                    case DECIMAL -> b.setObject(col, row, Cells.fitDecimal(f, p.getDecimalValue()));
                    case VARCHAR -> b.setObject(col, row, p.getText());
                    case TINYINT, SMALLINT, INTEGER, BIGINT, TIMESTAMP, INTERVAL_MILLIS, INTERVAL_MONTHS -> {
                        BigDecimal d = p.getDecimalValue();
                        long v;
                        try {
                            v = d.longValueExact();
                        } catch (ArithmeticException e) {
                            throw Cells.mismatch(f, p.getText(), "a whole number");
                        }
                        b.setLong(col, row, Cells.checkRange(f, v));
                    }
                    default -> throw Cells.mismatch(f, p.getText(), null);
                }
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                if (type == ColumnType.BOOLEAN) b.setLong(col, row, t == JsonToken.VALUE_TRUE ? 1 : 0);
                else if (type == ColumnType.VARCHAR) b.setObject(col, row, t == JsonToken.VALUE_TRUE ? "true" : "false");
                else throw Cells.mismatch(f, t == JsonToken.VALUE_TRUE ? "true" : "false", null);
            }
            case START_OBJECT, START_ARRAY -> {
                if (type == ColumnType.VARCHAR) b.setObject(col, row, rawJson(p));
                else throw Cells.mismatch(f, t == JsonToken.START_OBJECT ? "an object" : "an array", null);
            }
            default -> throw DecodeException.badRow("unexpected JSON token " + t + " for column '" + f.name() + "'");
        }
    }

    private static byte[] binary(JsonParser p, Field f) throws IOException {
        try {
            return p.getBinaryValue();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw Cells.mismatch(f, Cells.quote(p.getText()), "base64 text");
        }
    }

    private String rawJson(JsonParser p) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = factory.createGenerator(w)) {
            g.copyCurrentStructure(p);
        }
        return w.toString();
    }

    private static byte readOp(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            switch (p.getText()) {
                case "+I": return RowKind.INSERT;
                case "-U": return RowKind.UPDATE_BEFORE;
                case "+U": return RowKind.UPDATE_AFTER;
                case "-D": return RowKind.DELETE;
                default: break;
            }
        }
        if (t == JsonToken.VALUE_NULL) return RowKind.INSERT;
        throw new DecodeException(ErrorCode.BAD_ROW, "_op must be one of \"+I\", \"-U\", \"+U\", \"-D\", got "
                + describe(t, p), Map.of("column", "_op"));
    }

    private static String describe(JsonToken t, JsonParser p) throws IOException {
        if (t == null) return "nothing";
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string " + Cells.quote(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number " + p.getText();
            default -> p.getText();
        };
    }
}
