package io.laminar.data;

import java.util.Locale;

/**
 * The SQL types a column can have, and how each is stored in a {@link Batch}.
 *
 * <p>Storage is chosen so the hot path never boxes: every integral, temporal and boolean type lives in a
 * {@code long[]} (timestamps as epoch milliseconds, dates as epoch days, times as milliseconds of the day,
 * day-time intervals as milliseconds, year-month intervals as months, booleans as 0/1), floating point in a
 * {@code double[]}, a DECIMAL with a known scale of 0..18 as scaled longs ({@link Storage#SCALED_DECIMAL}, a
 * property of the {@link Field}: see {@link Field#storage()}), and only strings, binaries and decimals of unknown
 * scale in an {@code Object[]}.
 */
public enum ColumnType {
    BOOLEAN(Storage.LONG),
    TINYINT(Storage.LONG),
    SMALLINT(Storage.LONG),
    INTEGER(Storage.LONG),
    BIGINT(Storage.LONG),
    FLOAT(Storage.DOUBLE),
    DOUBLE(Storage.DOUBLE),
    /**
     * {@link java.math.BigDecimal} values; stored as {@link Storage#SCALED_DECIMAL} when the field has a scale of
     * 0..18 ({@link Field#storage()}), as objects otherwise.
     */
    DECIMAL(Storage.OBJECT),
    /** {@link String} values. */
    VARCHAR(Storage.OBJECT),
    /** epoch milliseconds, UTC, no zone (SQL {@code TIMESTAMP(3)}). */
    TIMESTAMP(Storage.LONG),
    /** days since 1970-01-01. */
    DATE(Storage.LONG),
    /** milliseconds since midnight. */
    TIME(Storage.LONG),
    /** a day-time interval in milliseconds. */
    INTERVAL_MILLIS(Storage.LONG),
    /** a year-month interval in months. */
    INTERVAL_MONTHS(Storage.LONG),
    /** {@code byte[]} values. */
    VARBINARY(Storage.OBJECT);

    /** Where a column's values live in a batch. */
    public enum Storage {
        LONG, DOUBLE, OBJECT,
        /**
         * A DECIMAL of known scale: {@code longs[c][r]} holds the unscaled value at the field's scale, so kernels
         * compute on longs without a {@link java.math.BigDecimal} per row. A value whose unscaled form does not fit a
         * long (or is {@code Long.MIN_VALUE}) spills: the long slot holds {@link Batch#DECIMAL_SPILLED} and
         * {@code objects[c][r]} the {@link java.math.BigDecimal}. Such a column has both arrays.
         */
        SCALED_DECIMAL
    }

    /**
     * The storage of a column of this type when nothing more is known about it; a {@link Field}'s own
     * {@link Field#storage()} is the one a batch uses (it differs for DECIMAL with a known scale).
     */
    public final Storage storage;

    ColumnType(Storage storage) {
        this.storage = storage;
    }

    public boolean isNumeric() {
        return switch (this) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL -> true;
            default -> false;
        };
    }

    public String sqlName() {
        return switch (this) {
            case INTERVAL_MILLIS -> "INTERVAL DAY TO SECOND";
            case INTERVAL_MONTHS -> "INTERVAL YEAR TO MONTH";
            case TIMESTAMP -> "TIMESTAMP(3)";
            default -> name();
        };
    }

    @Override public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
