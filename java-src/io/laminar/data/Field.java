package io.laminar.data;

/** A named, typed column. {@code precision}/{@code scale} matter for DECIMAL only (-1 when unset). */
public record Field(String name, ColumnType type, boolean nullable, int precision, int scale) {
    public Field(String name, ColumnType type) {
        this(name, type, true, -1, -1);
    }

    public Field(String name, ColumnType type, boolean nullable) {
        this(name, type, nullable, -1, -1);
    }

    /** The largest scale stored as scaled longs (10^18 is the largest power of ten in a long). */
    public static final int MAX_SCALED_DECIMAL_SCALE = 18;

    /**
     * Where this column's values live in a {@link Batch}: the type's storage, except a DECIMAL whose scale is known
     * and at most {@link #MAX_SCALED_DECIMAL_SCALE}, which is {@link ColumnType.Storage#SCALED_DECIMAL}.
     */
    public ColumnType.Storage storage() {
        return type == ColumnType.DECIMAL && scale >= 0 && scale <= MAX_SCALED_DECIMAL_SCALE
                ? ColumnType.Storage.SCALED_DECIMAL : type.storage;
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
