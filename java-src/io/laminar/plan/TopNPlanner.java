package io.laminar.plan;

import io.laminar.ErrorCode;
import io.laminar.SqlException;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import io.laminar.operator.rank.SortKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.sql.SqlKind;

/**
 * Recognises top-N in a filter/projection that computes {@code ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...)}
 * and bounds it ({@code WHERE rn <= N}, {@code rn < N}, {@code rn = 1}): the ranking becomes a {@link PhysicalTopN}
 * over the program's input, and the program itself — with the ROW_NUMBER call replaced by the operator's rank
 * column — runs after it. Any other use of OVER is refused with an error saying what is supported.
 */
final class TopNPlanner {
    private TopNPlanner() {}

    /** The ranking operator and the program that follows it (over the input columns plus the rank). */
    record Split(PhysicalTopN operator, RexProgram after) {}

    static boolean containsOver(RexProgram p) {
        return RexOver.containsOver(p);
    }

    /** @param updating the input is a changelog: retracted rows leave the ranking (a retractable top-N) */
    static Split split(RexProgram program, Schema input, RexBuilder rex, boolean updating) {
        RelDataType inputType = program.getInputRowType();
        int width = inputType.getFieldCount();
        RexOver[] found = new RexOver[1];
        RelDataTypeFactory types = rex.getTypeFactory();
        RelDataType rankType = types.createTypeWithNullability(types.createSqlType(org.apache.calcite.sql.type.SqlTypeName.BIGINT), false);
        RexNode rankRef = rex.makeInputRef(rankType, width);
        RexShuttle replace = new RexShuttle() {
            @Override public RexNode visitOver(RexOver over) {
                if (over.getAggOperator().getKind() != SqlKind.ROW_NUMBER) {
                    throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, over.getAggOperator().getName() + " OVER (...) "
                            + "is not supported yet; top-N and deduplication with ROW_NUMBER() OVER (PARTITION BY ... "
                            + "ORDER BY ...) and a bound (WHERE rn <= N) are");
                }
                if (found[0] != null && !found[0].getWindow().equals(over.getWindow())) {
                    throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "several different OVER windows in one query "
                            + "are not supported yet");
                }
                found[0] = over;
                return rankRef;
            }
        };
        RelDataTypeFactory.Builder after = types.builder().addAll(inputType.getFieldList()).add("$rank", rankType);
        RexProgramBuilder pb = new RexProgramBuilder(after.build(), rex);
        boolean rankProjected = false;
        for (int i = 0; i < program.getProjectList().size(); i++) {
            RexNode e = program.expandLocalRef(program.getProjectList().get(i)).accept(replace);
            if (references(e, width)) rankProjected = true;
            pb.addProject(e, program.getOutputRowType().getFieldNames().get(i));
        }
        RexNode condition = program.getCondition() == null ? null : program.expandLocalRef(program.getCondition()).accept(replace);
        if (found[0] == null) throw new IllegalStateException("no OVER in " + program);
        if (condition != null) pb.addCondition(condition);

        long limit = -1;
        boolean boundIsExact = false;
        if (condition != null) {
            for (RexNode c : org.apache.calcite.plan.RelOptUtil.conjunctions(condition)) {
                long n = bound(c, width);
                if (n > 0 && (limit < 0 || n < limit)) limit = n;
            }
            // the filter says only "rank <= limit": every row the operator emits passes it, ranks need not be tracked
            final long n = limit;
            boundIsExact = n > 0 && org.apache.calcite.plan.RelOptUtil.conjunctions(condition).stream()
                    .filter(c -> references(c, width))
                    .allMatch(c -> bound(c, width) == n && (c.getKind() != SqlKind.EQUALS || n == 1));
        }
        if (limit < 0) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "ROW_NUMBER() OVER (...) needs a bound in the WHERE clause "
                    + "(rn <= N, rn < N or rn = 1): without one every row is kept forever");
        }
        if (limit > 100_000) {
            throw new SqlException(ErrorCode.VALIDATION, "a top-N of " + limit + " rows per partition is too large (at most 100000)");
        }
        RexWindow w = found[0].getWindow();
        int[] partition = new int[w.partitionKeys.size()];
        for (int i = 0; i < partition.length; i++) partition[i] = OverPlanner.column(w.partitionKeys.get(i), "PARTITION BY");
        int n = w.orderKeys.size();
        if (n == 0) throw new SqlException(ErrorCode.VALIDATION, "ROW_NUMBER() OVER (...) needs an ORDER BY for a top-N");
        int[] cols = new int[n];
        boolean[] desc = new boolean[n], nullsFirst = new boolean[n];
        for (int i = 0; i < n; i++) {
            RexFieldCollation fc = w.orderKeys.get(i);
            cols[i] = OverPlanner.column(fc.left, "ORDER BY");
            desc[i] = fc.getDirection() == RelFieldCollation.Direction.DESCENDING;
            RelFieldCollation.NullDirection nd = fc.getNullDirection();
            nullsFirst[i] = nd == RelFieldCollation.NullDirection.UNSPECIFIED ? desc[i] : nd == RelFieldCollation.NullDirection.FIRST;
        }
        List<Field> outFields = new ArrayList<>(input.fields());
        outFields.add(new Field("$rank", ColumnType.BIGINT, false));
        Schema output = new Schema(outFields, input.rowtimeIndex());
        boolean emitRanks = rankProjected || !boundIsExact;
        // keep-last deduplication (latest time first, one row): among rows with the same time the latest arrival wins
        boolean keepLast = limit == 1 && n == 1 && desc[0] && input.field(cols[0]).type() == ColumnType.TIMESTAMP;
        PhysicalTopN topN = new PhysicalTopN(input, output, partition, new SortKey(cols, desc, nullsFirst), (int) limit,
                emitRanks, keepLast && !updating, updating, describe(w, input));
        return new Split(topN, pb.getProgram(false));
    }

    /** N when {@code c} bounds the rank column from above (rank <= N, rank < N+1, rank = 1, N >= rank), else -1. */
    private static long bound(RexNode c, int rankColumn) {
        if (!(c instanceof RexCall call) || call.getOperands().size() != 2) return -1;
        RexNode a = call.getOperands().get(0), b = call.getOperands().get(1);
        SqlKind kind = call.getKind();
        if (isRank(b, rankColumn) && a instanceof RexLiteral) { // N >= rank  ->  rank <= N
            RexNode t = a; a = b; b = t;
            kind = kind.reverse();
        }
        if (!isRank(a, rankColumn) || !(b instanceof RexLiteral lit)) return -1;
        Long v = lit.getValueAs(Long.class);
        if (v == null) return -1;
        return switch (kind) {
            case LESS_THAN_OR_EQUAL -> v;
            case LESS_THAN -> v - 1;
            case EQUALS -> v;
            default -> -1;
        };
    }

    private static boolean isRank(RexNode e, int rankColumn) {
        RexNode x = e;
        while (x instanceof RexCall c && c.getKind() == SqlKind.CAST) x = c.getOperands().get(0);
        return x instanceof RexInputRef ref && ref.getIndex() == rankColumn;
    }

    private static boolean references(RexNode e, int column) {
        return org.apache.calcite.plan.RelOptUtil.InputFinder.bits(e).get(column);
    }

    private static String describe(RexWindow w, Schema input) {
        StringBuilder sb = new StringBuilder("partition=[");
        for (int i = 0; i < w.partitionKeys.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(input.field(((RexInputRef) w.partitionKeys.get(i)).getIndex()).name());
        }
        sb.append("], order=[");
        for (int i = 0; i < w.orderKeys.size(); i++) {
            RexFieldCollation fc = w.orderKeys.get(i);
            if (i > 0) sb.append(", ");
            sb.append(input.field(((RexInputRef) fc.left).getIndex()).name())
              .append(fc.getDirection() == RelFieldCollation.Direction.DESCENDING ? " DESC" : "");
        }
        return sb.append(']').toString();
    }
}
