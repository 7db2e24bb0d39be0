package io.laminar.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.validate.SqlNameMatcher;
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

    /** Laminar's own operators first, then Calcite's library table minus the operators they replace. */
    public static SqlOperatorTable table() {
        List<SqlOperator> own = new ArrayList<>();
        own.add(FIRST_VALUE);
        own.add(LAST_VALUE);
        own.addAll(StringTimeFunctions.ALL);
        Set<String> replaced = new HashSet<>();
        for (SqlOperator op : own) replaced.add(op.getName());
        SqlOperatorTable library = SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.STANDARD,
                SqlLibrary.POSTGRESQL, SqlLibrary.MYSQL);
        // a filtering view rather than a copied list: the standard table's own lookup (COUNT(*), special syntaxes)
        // must keep working
        SqlOperatorTable rest = new SqlOperatorTable() {
            @Override public void lookupOperatorOverloads(SqlIdentifier opName, SqlFunctionCategory category,
                                                          SqlSyntax syntax, List<SqlOperator> operatorList,
                                                          SqlNameMatcher nameMatcher) {
                List<SqlOperator> found = new ArrayList<>();
                library.lookupOperatorOverloads(opName, category, syntax, found, nameMatcher);
                for (SqlOperator op : found) {
                    if (!replaced.contains(op.getName())) operatorList.add(op);
                }
            }

            @Override public List<SqlOperator> getOperatorList() {
                return library.getOperatorList().stream().filter(op -> !replaced.contains(op.getName())).toList();
            }
        };
        return SqlOperatorTables.chain(SqlOperatorTables.of(own), rest);
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
