package io.laminar.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * Window functions in both spellings. Window table functions are Calcite's (TUMBLE, HOP, SESSION) plus CUMULATE
 * (same operands as HOP: data, time column, step, size, offset). The group-function spelling
 * ({@code GROUP BY TUMBLE(ts, INTERVAL '10' SECOND)} with {@code TUMBLE_START}/{@code TUMBLE_END}) is rewritten
 * here, before validation, into the table-function spelling — so both compile to the very same plan.
 */
public final class WindowFunctions {
    /** CUMULATE(TABLE t, DESCRIPTOR(ts), step, size [, offset]). */
    public static final SqlWindowTableFunction CUMULATE = new SqlWindowTableFunction("CUMULATE",
            (org.apache.calcite.sql.type.SqlOperandMetadata) SqlStdOperatorTable.HOP.getOperandTypeChecker());

    private static final Set<String> GROUP_WINDOWS = Set.of("TUMBLE", "HOP", "SESSION", "CUMULATE");

    private WindowFunctions() {}

    /** Rewrites group-window queries (recursively, in subqueries too) into window-TVF queries. */
    public static SqlNode rewriteGroupWindows(SqlNode node) {
        return node.accept(new SqlShuttle() {
            @Override public SqlNode visit(SqlCall call) {
                SqlNode visited = super.visit(call);
                if (visited instanceof SqlSelect select) return rewriteSelect(select);
                return visited;
            }
        });
    }

    private static SqlNode rewriteSelect(SqlSelect select) {
        SqlNodeList groupBy = select.getGroup();
        if (groupBy == null) return select;
        SqlCall windowCall = null;
        int windowIndex = -1;
        for (int i = 0; i < groupBy.size(); i++) {
            if (groupBy.get(i) instanceof SqlCall c && GROUP_WINDOWS.contains(name(c))) {
                if (windowCall != null) {
                    throw new io.laminar.SqlException(io.laminar.ErrorCode.VALIDATION,
                            "GROUP BY may contain only one window function (found " + windowCall + " and " + c + ")");
                }
                windowCall = c;
                windowIndex = i;
            }
        }
        if (windowCall == null) return select;
        String kind = name(windowCall);
        SqlParserPos pos = windowCall.getParserPosition();
        List<SqlNode> ops = windowCall.getOperandList();
        if (ops.isEmpty() || !(ops.get(0) instanceof SqlIdentifier timeCol)) {
            throw new io.laminar.SqlException(io.laminar.ErrorCode.VALIDATION, kind
                    + " in GROUP BY needs a time column as its first argument, e.g. " + kind + "(ts, INTERVAL '10' SECOND)");
        }
        SqlNode from = select.getFrom();
        String alias = null;
        SqlNode table = from;
        if (from instanceof SqlCall as && as.getKind() == SqlKind.AS) {
            table = as.operand(0);
            alias = ((SqlIdentifier) as.operand(1)).getSimple();
        }
        if (!(table instanceof SqlIdentifier) && !(table instanceof SqlSelect)) {
            throw new io.laminar.SqlException(io.laminar.ErrorCode.UNSUPPORTED_QUERY, "a GROUP BY " + kind
                    + "(...) window needs a single table or subquery in FROM; write the window table function "
                    + "TABLE(" + kind + "(TABLE t, DESCRIPTOR(ts), ...)) instead");
        }
        SqlNode dataArg = table instanceof SqlIdentifier
                ? new SqlBasicCall(SqlStdOperatorTable.EXPLICIT_TABLE, List.of(table), pos) : table;
        SqlIdentifier time = new SqlIdentifier(timeCol.names.get(timeCol.names.size() - 1), timeCol.getParserPosition());
        SqlNode descriptor = new SqlBasicCall(SqlStdOperatorTable.DESCRIPTOR, List.of(time), pos);
        SqlOperator tvf = switch (kind) {
            case "TUMBLE" -> SqlStdOperatorTable.TUMBLE;
            case "HOP" -> SqlStdOperatorTable.HOP;
            case "SESSION" -> SqlStdOperatorTable.SESSION;
            default -> CUMULATE;
        };
        java.util.ArrayList<SqlNode> tvfArgs = new java.util.ArrayList<>();
        tvfArgs.add(dataArg);
        tvfArgs.add(descriptor);
        tvfArgs.addAll(ops.subList(1, ops.size()));
        SqlNode tvfCall = new SqlBasicCall(tvf, tvfArgs, pos);
        SqlNode newFrom = new SqlBasicCall(SqlStdOperatorTable.COLLECTION_TABLE, List.of(tvfCall), pos);
        if (alias != null) {
            newFrom = SqlStdOperatorTable.AS.createCall(pos, newFrom, new SqlIdentifier(alias, pos));
        }
        select.setFrom(newFrom);

        SqlNodeList newGroup = new SqlNodeList(pos);
        for (int i = 0; i < groupBy.size(); i++) {
            if (i == windowIndex) {
                newGroup.add(new SqlIdentifier("window_start", pos));
                newGroup.add(new SqlIdentifier("window_end", pos));
            } else {
                newGroup.add(groupBy.get(i));
            }
        }
        select.setGroupBy(newGroup);
        SqlShuttle aux = new SqlShuttle() {
            @Override public SqlNode visit(SqlCall call) {
                String n = name(call);
                for (String w : GROUP_WINDOWS) {
                    if (n.equals(w + "_START")) return new SqlIdentifier("window_start", call.getParserPosition());
                    if (n.equals(w + "_END")) return new SqlIdentifier("window_end", call.getParserPosition());
                    if (n.equals(w + "_ROWTIME")) return new SqlIdentifier("window_time", call.getParserPosition());
                }
                return super.visit(call);
            }
        };
        SqlNodeList selectList = select.getSelectList();
        SqlNodeList newSelect = new SqlNodeList(selectList.getParserPosition());
        for (SqlNode item : selectList) {
            SqlNode rewritten = item.accept(aux);
            // keep the helper's conventional column name (TUMBLE_END(...) AS window_end) unless aliased
            if (rewritten != item && rewritten instanceof SqlIdentifier id && !(item instanceof SqlCall c && c.getKind() == SqlKind.AS)) {
                rewritten = SqlValidatorUtil.addAlias(rewritten, id.getSimple());
            }
            newSelect.add(rewritten);
        }
        select.setSelectList(newSelect);
        if (select.getHaving() != null) select.setHaving(select.getHaving().accept(aux));
        if (select.getOrderList() != null) select.setOrderBy((SqlNodeList) select.getOrderList().accept(aux));
        return select;
    }

    /** Operator name without Calcite's internal '$' prefix (the parser resolves TUMBLE in GROUP BY to $TUMBLE). */
    private static String name(SqlCall c) {
        String n = c.getOperator().getName().toUpperCase(Locale.ROOT);
        return n.startsWith("$") ? n.substring(1) : n;
    }
}
