package io.laminar.data;

/** A named, typed column. {@code precision}/{@code scale} matter for DECIMAL only (-1 when unset). */
public record Field(String name, ColumnType type, boolean nullable, int precision, int scale) {
    public Field(String name, ColumnType type) {
        this(name, type, true, -1, -1);
    }

    public Field(String name, ColumnType type, boolean nullable) {
        this(name, type, nullable, -1, -1);
    }

    public Field withName(String newName) {
        return new Field(newName, type, nullable, precision, scale);
    }

    public String sqlType() {
        if (type == ColumnType.DECIMAL && precision > 0) {
            return "DECIMAL(" + precision + ", " + Math.max(scale, 0) + ")";
        }
        return type.sqlName();
    }
}
