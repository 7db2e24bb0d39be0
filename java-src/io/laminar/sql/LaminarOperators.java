package io.laminar.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.util.Optionality;

/**
 * The built-in operators Laminar's SQL knows: Calcite's standard operators and the PostgreSQL/MySQL library
 * functions, with Laminar's own versions where Flink SQL differs from Calcite — {@code FIRST_VALUE}/{@code LAST_VALUE}
 * are plain aggregates (usable in GROUP BY as well as with OVER), and the string/time functions of
 * {@link StringTimeFunctions}. Window table functions and user functions are chained in by {@link SqlFrontEnd}.
 */
public final class LaminarOperators {
    /** FIRST_VALUE(x): the first non-NULL value of a group (or window frame) in arrival (row-time) order. */
    public static final SqlAggFunction FIRST_VALUE = new FirstLastValue(SqlKind.FIRST_VALUE);
    /** LAST_VALUE(x): the last non-NULL value of a group (or window frame). */
    public static final SqlAggFunction LAST_VALUE = new FirstLastValue(SqlKind.LAST_VALUE);

    private LaminarOperators() {}

    /** Calcite's library table minus the operators replaced here, plus Laminar's own. */
    public static SqlOperatorTable table() {
        List<SqlOperator> ops = new ArrayList<>();
        ops.add(FIRST_VALUE);
        ops.add(LAST_VALUE);
        ops.addAll(StringTimeFunctions.ALL);
        List<String> replaced = ops.stream().map(SqlOperator::getName).toList();
        for (SqlOperator op : SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.STANDARD,
                SqlLibrary.POSTGRESQL, SqlLibrary.MYSQL).getOperatorList()) {
            if (!replaced.contains(op.getName())) ops.add(op);
        }
        return SqlOperatorTables.of(ops);
    }

    /** Calcite's FIRST_VALUE/LAST_VALUE require OVER; Flink's (and Laminar's) also aggregate a GROUP BY. */
    private static final class FirstLastValue extends SqlAggFunction {
        FirstLastValue(SqlKind kind) {
            super(kind.name(), null, kind, ReturnTypes.ARG0_NULLABLE_IF_EMPTY, null, OperandTypes.ANY,
                    SqlFunctionCategory.NUMERIC, false, false, Optionality.FORBIDDEN);
        }

        @Override public boolean allowsFraming() { return true; }
    }
}
