package io.laminar.sql;

import io.laminar.ErrorCode;
import io.laminar.SqlException;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/** Between Calcite's {@link RelDataType} and Laminar's {@link ColumnType}/{@link Schema}. */
public final class TypeMapping {
    private TypeMapping() {}

    public static ColumnType toColumnType(RelDataType type) {
        SqlTypeName name = type.getSqlTypeName();
        return switch (name) {
            case BOOLEAN -> ColumnType.BOOLEAN;
            case TINYINT -> ColumnType.TINYINT;
            case SMALLINT -> ColumnType.SMALLINT;
            case INTEGER -> ColumnType.INTEGER;
            case BIGINT -> ColumnType.BIGINT;
            case FLOAT, REAL, DOUBLE -> ColumnType.DOUBLE;
            case DECIMAL -> ColumnType.DECIMAL;
            case CHAR, VARCHAR -> ColumnType.VARCHAR;
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> ColumnType.TIMESTAMP;
            case DATE -> ColumnType.DATE;
            case TIME -> ColumnType.TIME;
            case INTERVAL_DAY, INTERVAL_DAY_HOUR, INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND, INTERVAL_HOUR,
                 INTERVAL_HOUR_MINUTE, INTERVAL_HOUR_SECOND, INTERVAL_MINUTE, INTERVAL_MINUTE_SECOND,
                 INTERVAL_SECOND -> ColumnType.INTERVAL_MILLIS;
            case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH -> ColumnType.INTERVAL_MONTHS;
            case BINARY, VARBINARY -> ColumnType.VARBINARY;
            case NULL -> ColumnType.VARCHAR;
            default -> throw new SqlException(ErrorCode.UNSUPPORTED_QUERY,
                    "type " + type.getFullTypeString() + " is not supported yet; use one of BOOLEAN, INT, BIGINT, "
                            + "DOUBLE, DECIMAL, VARCHAR, TIMESTAMP(3), DATE, TIME");
        };
    }

    public static Field toField(String name, RelDataType type) {
        ColumnType ct = toColumnType(type);
        return new Field(name, ct, type.isNullable(),
                ct == ColumnType.DECIMAL ? type.getPrecision() : -1, ct == ColumnType.DECIMAL ? type.getScale() : -1);
    }

    public static Schema toSchema(RelDataType rowType) {
        List<Field> fields = new ArrayList<>();
        for (RelDataTypeField f : rowType.getFieldList()) fields.add(toField(f.getName(), f.getType()));
        return new Schema(fields);
    }

    /** The Calcite type for a Laminar field. */
    public static RelDataType toRelType(RelDataTypeFactory tf, Field f) {
        RelDataType t = switch (f.type()) {
            case BOOLEAN -> tf.createSqlType(SqlTypeName.BOOLEAN);
            case TINYINT -> tf.createSqlType(SqlTypeName.TINYINT);
            case SMALLINT -> tf.createSqlType(SqlTypeName.SMALLINT);
            case INTEGER -> tf.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> tf.createSqlType(SqlTypeName.BIGINT);
            case FLOAT, DOUBLE -> tf.createSqlType(SqlTypeName.DOUBLE);
            case DECIMAL -> f.precision() > 0 ? tf.createSqlType(SqlTypeName.DECIMAL, f.precision(), Math.max(0, f.scale()))
                    : tf.createSqlType(SqlTypeName.DECIMAL);
            case VARCHAR -> tf.createSqlType(SqlTypeName.VARCHAR);
            case TIMESTAMP -> tf.createSqlType(SqlTypeName.TIMESTAMP, 3);
            case DATE -> tf.createSqlType(SqlTypeName.DATE);
            case TIME -> tf.createSqlType(SqlTypeName.TIME);
            case INTERVAL_MILLIS -> tf.createSqlIntervalType(new org.apache.calcite.sql.SqlIntervalQualifier(
                    org.apache.calcite.avatica.util.TimeUnit.DAY, org.apache.calcite.avatica.util.TimeUnit.SECOND,
                    org.apache.calcite.sql.parser.SqlParserPos.ZERO));
            case INTERVAL_MONTHS -> tf.createSqlIntervalType(new org.apache.calcite.sql.SqlIntervalQualifier(
                    org.apache.calcite.avatica.util.TimeUnit.YEAR, org.apache.calcite.avatica.util.TimeUnit.MONTH,
                    org.apache.calcite.sql.parser.SqlParserPos.ZERO));
            case VARBINARY -> tf.createSqlType(SqlTypeName.VARBINARY);
        };
        return tf.createTypeWithNullability(t, f.nullable());
    }
}
