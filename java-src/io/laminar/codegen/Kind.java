package io.laminar.codegen;

import io.laminar.data.ColumnType;
import java.math.BigDecimal;
import org.apache.calcite.rel.type.RelDataType;

/**
 * How a value is held while an expression is evaluated: the Java type of a compiled local, and the boxed type the
 * interpreter uses. Integral, temporal and interval values are all {@code long}; booleans are {@code boolean}
 * (stored in a batch as 0/1 longs).
 */
enum Kind {
    BOOL("boolean", boolean.class, Boolean.class, "false"),
    LONG("long", long.class, Long.class, "0L"),
    DOUBLE("double", double.class, Double.class, "0.0d"),
    DECIMAL("java.math.BigDecimal", BigDecimal.class, BigDecimal.class, "null"),
    STRING("String", String.class, String.class, "null"),
    BYTES("byte[]", byte[].class, byte[].class, "null");

    final String javaType;
    final Class<?> javaClass;
    final Class<?> boxed;
    final String zero;

    Kind(String javaType, Class<?> javaClass, Class<?> boxed, String zero) {
        this.javaType = javaType;
        this.javaClass = javaClass;
        this.boxed = boxed;
        this.zero = zero;
    }

    boolean primitive() { return javaClass.isPrimitive(); }

    static Kind of(ColumnType t) {
        return switch (t) {
            case BOOLEAN -> BOOL;
            case TINYINT, SMALLINT, INTEGER, BIGINT, TIMESTAMP, DATE, TIME, INTERVAL_MILLIS, INTERVAL_MONTHS -> LONG;
            case FLOAT, DOUBLE -> DOUBLE;
            case DECIMAL -> DECIMAL;
            case VARCHAR -> STRING;
            case VARBINARY -> BYTES;
        };
    }

    /** The kind of a Calcite type, or null when expressions of that type are not supported. */
    static Kind of(RelDataType type) {
        switch (type.getSqlTypeName()) {
            case BOOLEAN: return BOOL;
            case TINYINT: case SMALLINT: case INTEGER: case BIGINT:
            case DATE: case TIME: case TIME_WITH_LOCAL_TIME_ZONE: case TIMESTAMP: case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
            case INTERVAL_YEAR: case INTERVAL_YEAR_MONTH: case INTERVAL_MONTH:
            case INTERVAL_DAY: case INTERVAL_DAY_HOUR: case INTERVAL_DAY_MINUTE: case INTERVAL_DAY_SECOND:
            case INTERVAL_HOUR: case INTERVAL_HOUR_MINUTE: case INTERVAL_HOUR_SECOND: case INTERVAL_MINUTE:
            case INTERVAL_MINUTE_SECOND: case INTERVAL_SECOND:
                return LONG;
            case FLOAT: case REAL: case DOUBLE: return DOUBLE;
            case DECIMAL: return DECIMAL;
            case CHAR: case VARCHAR: return STRING;
            case BINARY: case VARBINARY: return BYTES;
            case NULL: return STRING;
            default: return null;
        }
    }
}
