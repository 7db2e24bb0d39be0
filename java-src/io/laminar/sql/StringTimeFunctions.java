package io.laminar.sql;

import java.util.List;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;

/**
 * Flink SQL's string and time functions that Calcite's libraries lack or define differently. Their semantics (and
 * their runtime code) are in {@code io.laminar.codegen.Functions}; here only names, operand checks and result types:
 * <ul>
 *   <li>{@code REGEXP_EXTRACT(s, regex [, group])} — group {@code group} (default 0, the whole match) of the first
 *       match, NULL without a match or when the group does not exist;</li>
 *   <li>{@code SPLIT_INDEX(s, separator, index)} — the {@code index}-th (0-based) piece of {@code s} split at the
 *       whole {@code separator}, NULL when out of range;</li>
 *   <li>{@code DATE_FORMAT(ts, format)} — a TIMESTAMP (or a timestamp string) formatted with a Java date pattern such as
 *       {@code 'yyyy-MM-dd HH:mm'} (UTC). Calcite's MySQL DATE_FORMAT with {@code %Y} patterns is replaced;</li>
 *   <li>{@code PROCTIME()} — processing time (the wall clock).</li>
 * </ul>
 */
final class StringTimeFunctions {
    /** VARCHAR, NULL whenever an argument is NULL. */
    private static final SqlReturnTypeInference VARCHAR_STRICT =
            ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.TO_NULLABLE);
    /** VARCHAR that may be NULL for any arguments (no match, index out of range). */
    private static final SqlReturnTypeInference VARCHAR_MAYBE =
            ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.FORCE_NULLABLE);

    static final SqlFunction REGEXP_EXTRACT = new SqlFunction("REGEXP_EXTRACT", SqlKind.OTHER_FUNCTION,
            VARCHAR_MAYBE, null,
            OperandTypes.or(OperandTypes.STRING_STRING,
                    OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.STRING, SqlTypeFamily.INTEGER)),
            SqlFunctionCategory.STRING);

    static final SqlFunction SPLIT_INDEX = new SqlFunction("SPLIT_INDEX", SqlKind.OTHER_FUNCTION, VARCHAR_MAYBE, null,
            OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.STRING, SqlTypeFamily.INTEGER),
            SqlFunctionCategory.STRING);

    static final SqlFunction DATE_FORMAT = new SqlFunction("DATE_FORMAT", SqlKind.OTHER_FUNCTION, VARCHAR_STRICT, null,
            OperandTypes.or(OperandTypes.family(SqlTypeFamily.TIMESTAMP, SqlTypeFamily.STRING),
                    OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.STRING)),
            SqlFunctionCategory.TIMEDATE);

    /**
     * PROCTIME(): the wall-clock time (UTC) at which the row is processed, as a TIMESTAMP(3). Not deterministic, so
     * never folded into a constant; a TUMBLE/HOP/SESSION over a column computed by it in the same query is a
     * processing-time window, fired by the clock.
     */
    static final SqlFunction PROCTIME = new SqlFunction("PROCTIME", SqlKind.OTHER_FUNCTION,
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3), null, OperandTypes.NILADIC, SqlFunctionCategory.TIMEDATE) {
        @Override public boolean isDeterministic() { return false; }
        @Override public boolean isDynamicFunction() { return true; }
    };

    static final List<SqlOperator> ALL = List.of(REGEXP_EXTRACT, SPLIT_INDEX, DATE_FORMAT, PROCTIME);

    private StringTimeFunctions() {}
}
