package io.laminar.plan;

import io.laminar.ErrorCode;
import io.laminar.SqlException;
import io.laminar.codegen.CalcCompiler;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import io.laminar.operator.aggregate.Aggregators.AggCallSpec;
import io.laminar.operator.over.OverCall;
import io.laminar.operator.over.OverFrame;
import io.laminar.sql.TypeMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
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
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.sql.SqlKind;

/**
 * Plans a projection with OVER windows that is not a top-N (that is {@link TopNPlanner}'s): every {@code RexOver}
 * becomes a column computed by a {@link PhysicalOver}, and the program runs after it with those calls replaced by
 * references to the columns. Function arguments that are expressions are computed by a Calc before the operator.
 *
 * <p>Restrictions, each refused with an error that says what to write instead: every OVER in a query shares one
 * PARTITION BY and one ORDER BY; the ORDER BY is a single ascending TIMESTAMP column (the event time, as Flink
 * requires); frames end at CURRENT ROW; the input is append-only.
 */
final class OverPlanner {
    private OverPlanner() {}

    /** The Calc computing argument expressions (or null), the operator, and the program that follows it. */
    record Split(PhysicalCalc pre, PhysicalOver operator, RexProgram after) {}

    /**
     * True when the OVERs of {@code program} are OVER windows for this planner rather than a top-N: anything but
     * ROW_NUMBER, or a ROW_NUMBER whose value the filter does not bound by a constant.
     */
    static boolean isOverWindow(RexProgram program) {
        int width = program.getInputRowType().getFieldCount();
        boolean[] onlyRowNumber = {true};
        RexShuttle mark = new RexShuttle() {
            @Override public RexNode visitOver(RexOver over) {
                if (over.getAggOperator().getKind() != SqlKind.ROW_NUMBER) onlyRowNumber[0] = false;
                return new RexInputRef(width, over.getType());
            }
        };
        for (org.apache.calcite.rex.RexLocalRef p : program.getProjectList()) program.expandLocalRef(p).accept(mark);
        if (!onlyRowNumber[0] || program.getCondition() == null) return true;
        RexNode condition = program.expandLocalRef(program.getCondition()).accept(mark);
        for (RexNode c : RelOptUtil.conjunctions(condition)) {
            if (c instanceof RexCall call && call.getOperands().size() == 2
                    && (call.getKind() == SqlKind.LESS_THAN || call.getKind() == SqlKind.LESS_THAN_OR_EQUAL
                        || call.getKind() == SqlKind.EQUALS || call.getKind() == SqlKind.GREATER_THAN
                        || call.getKind() == SqlKind.GREATER_THAN_OR_EQUAL)
                    && (isRef(call.getOperands().get(0), width) && call.getOperands().get(1) instanceof RexLiteral
                        || isRef(call.getOperands().get(1), width) && call.getOperands().get(0) instanceof RexLiteral)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRef(RexNode e, int index) {
        while (e instanceof RexCall c && c.getKind() == SqlKind.CAST) e = c.getOperands().get(0);
        return e instanceof RexInputRef ref && ref.getIndex() == index;
    }

    /** @param refusedBecause non-null: OVER cannot run here, and this says why (an updating input, a session) */
    static Split split(RexProgram program, Schema input, RexBuilder rex, String refusedBecause) {
        if (refusedBecause != null) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "OVER windows over " + refusedBecause + " are not "
                    + "supported; apply OVER to an append-only stream or source");
        }
        RelDataType inputType = program.getInputRowType();
        int width = inputType.getFieldCount();
        // the distinct OVER calls, in order of appearance
        Map<String, RexOver> overs = new LinkedHashMap<>();
        RexShuttle collect = new RexShuttle() {
            @Override public RexNode visitOver(RexOver over) {
                overs.putIfAbsent(over.toString(), over);
                return over;
            }
        };
        for (org.apache.calcite.rex.RexLocalRef p : program.getProjectList()) program.expandLocalRef(p).accept(collect);
        if (program.getCondition() != null) program.expandLocalRef(program.getCondition()).accept(collect);
        RexWindow window = overs.values().iterator().next().getWindow();
        for (RexOver o : overs.values()) {
            RexWindow w = o.getWindow();
            if (!w.partitionKeys.equals(window.partitionKeys) || !w.orderKeys.equals(window.orderKeys)) {
                throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "OVER windows with different PARTITION BY or "
                        + "ORDER BY in one query are not supported; use one PARTITION BY/ORDER BY (frames may differ), "
                        + "or compute each window in its own stream");
            }
        }
        int[] partition = new int[window.partitionKeys.size()];
        for (int i = 0; i < partition.length; i++) partition[i] = column(window.partitionKeys.get(i), "PARTITION BY");
        int timeColumn = timeColumn(window, input);

        // arguments that are expressions become extra columns computed before the operator
        RexProgramBuilder pre = new RexProgramBuilder(inputType, rex);
        List<String> preNames = new ArrayList<>(inputType.getFieldNames());
        for (int i = 0; i < width; i++) pre.addProject(new RexInputRef(i, inputType.getFieldList().get(i).getType()), preNames.get(i));
        Map<String, Integer> extra = new LinkedHashMap<>();

        // ranking and LAG/LEAD first, then aggregates grouped by frame (a frame's results are consecutive)
        List<RexOver> shifts = new ArrayList<>(), aggs = new ArrayList<>();
        List<OverFrame> frames = new ArrayList<>();
        for (RexOver o : overs.values()) (isAggregate(o) ? aggs : shifts).add(o);
        Map<RexOver, Integer> frameOf = new LinkedHashMap<>();
        for (RexOver o : aggs) {
            OverFrame f = frame(o.getWindow(), program);
            if (!frames.contains(f)) frames.add(f);
            frameOf.put(o, frames.indexOf(f));
        }
        aggs.sort(java.util.Comparator.comparingInt(frameOf::get));
        List<RexOver> ordered = new ArrayList<>(shifts);
        ordered.addAll(aggs);

        List<OverCall> calls = new ArrayList<>();
        for (RexOver o : ordered) {
            String fn = o.getAggOperator().getName().toUpperCase(Locale.ROOT);
            List<RexNode> ops = o.getOperands();
            switch (o.getAggOperator().getKind()) {
                case ROW_NUMBER -> calls.add(OverCall.ranking(OverCall.Function.ROW_NUMBER));
                case RANK -> calls.add(OverCall.ranking(OverCall.Function.RANK));
                case DENSE_RANK -> calls.add(OverCall.ranking(OverCall.Function.DENSE_RANK));
                case LAG, LEAD -> {
                    int arg = argColumn(ops.get(0), pre, preNames, extra, width);
                    int offset = ops.size() > 1 ? offset(ops.get(1), fn) : 1;
                    // the default (a column or a constant) is computed per row, in the result's type, by the Calc
                    int defaultColumn = ops.size() > 2 ? argColumn(castTo(rex, o.getType(), ops.get(2)), pre, preNames, extra, width) : -1;
                    if (TypeMapping.toColumnType(ops.get(0).getType()) != TypeMapping.toColumnType(o.getType())) {
                        arg = argColumn(castTo(rex, o.getType(), ops.get(0)), pre, preNames, extra, width);
                    }
                    calls.add(OverCall.shift(o.getAggOperator().getKind() == SqlKind.LAG ? OverCall.Function.LAG
                            : OverCall.Function.LEAD, arg, offset, defaultColumn, null));
                }
                default -> {
                    if (ops.size() > 1) {
                        throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, fn + " OVER (...) with several arguments is not supported");
                    }
                    int arg = ops.isEmpty() ? -1 : argColumn(ops.get(0), pre, preNames, extra, width);
                    calls.add(OverCall.aggregate(new AggCallSpec(fn, o.isDistinct(), arg, -1, fn.toLowerCase(Locale.ROOT)),
                            frameOf.get(o)));
                }
            }
        }

        // the operator's input: the program's input plus the argument expressions
        RexProgram preProgram = pre.getProgram(false);
        Schema opInput = input;
        PhysicalCalc preCalc = null;
        if (!extra.isEmpty()) {
            opInput = TypeMapping.toSchema(preProgram.getOutputRowType());
            preCalc = new PhysicalCalc(CalcCompiler.compile(preProgram, input, opInput), opInput,
                    "select " + String.join(", ", extra.keySet()) + " for OVER", false);
        }
        int opWidth = opInput.size();
        RelDataTypeFactory types = rex.getTypeFactory();
        RelDataTypeFactory.Builder afterType = types.builder().addAll(preProgram.getOutputRowType().getFieldList());
        List<Field> outFields = new ArrayList<>(opInput.fields());
        Map<String, RexNode> replacement = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            RexOver o = ordered.get(i);
            String name = "$over" + i;
            afterType.add(name, o.getType());
            outFields.add(TypeMapping.toField(name, o.getType()));
            replacement.put(o.toString(), new RexInputRef(opWidth + i, o.getType()));
        }
        Schema output = new Schema(outFields, timeColumn);
        RexShuttle replace = new RexShuttle() {
            @Override public RexNode visitOver(RexOver over) { return replacement.get(over.toString()); }
        };
        RexProgramBuilder after = new RexProgramBuilder(afterType.build(), rex);
        for (int i = 0; i < program.getProjectList().size(); i++) {
            after.addProject(program.expandLocalRef(program.getProjectList().get(i)).accept(replace),
                    program.getOutputRowType().getFieldNames().get(i));
        }
        if (program.getCondition() != null) after.addCondition(program.expandLocalRef(program.getCondition()).accept(replace));
        PhysicalOver operator = new PhysicalOver(opInput, output, partition, timeColumn, calls, frames,
                describe(ordered, window, opInput, frames, frameOf));
        return new Split(preCalc, operator, after.getProgram(false));
    }

    private static boolean isAggregate(RexOver o) {
        return switch (o.getAggOperator().getKind()) {
            case ROW_NUMBER, RANK, DENSE_RANK, LAG, LEAD -> false;
            default -> true;
        };
    }

    /** The ORDER BY column: one ascending TIMESTAMP column, the time rows are processed in. */
    private static int timeColumn(RexWindow w, Schema input) {
        if (w.orderKeys.size() != 1) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "an OVER window needs ORDER BY exactly one event-time "
                    + "column (ORDER BY ts), got " + w.orderKeys.size() + " ORDER BY keys");
        }
        RexFieldCollation fc = w.orderKeys.get(0);
        int col = column(fc.left, "ORDER BY");
        Field f = input.field(col);
        if (f.type() != ColumnType.TIMESTAMP || fc.getDirection() == RelFieldCollation.Direction.DESCENDING) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "an OVER window must ORDER BY an event-time column "
                    + "ascending (rows are processed in time order as the watermark passes them); ORDER BY "
                    + f.name() + (fc.getDirection() == RelFieldCollation.Direction.DESCENDING ? " DESC" : "")
                    + " is not one. For the best N rows by another order, filter ROW_NUMBER() (top-N): WHERE rn <= N");
        }
        return col;
    }

    private static OverFrame frame(RexWindow w, RexProgram program) {
        RexWindowBound upper = w.getUpperBound(), lower = w.getLowerBound();
        if (!upper.isCurrentRow()) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "OVER frames must end at CURRENT ROW (the future is "
                    + "not known when a row is emitted); got " + upper);
        }
        if (lower.isUnbounded() && lower.isPreceding()) return new OverFrame(w.isRows(), OverFrame.UNBOUNDED);
        if (lower.isCurrentRow()) return new OverFrame(w.isRows(), 0);
        if (!lower.isPreceding() || lower.getOffset() == null) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "OVER frames must start at UNBOUNDED PRECEDING or "
                    + "n PRECEDING; got " + lower);
        }
        RexNode offset = lower.getOffset();
        while (offset instanceof org.apache.calcite.rex.RexLocalRef ref) offset = program.getExprList().get(ref.getIndex());
        if (!(offset instanceof RexLiteral lit) || lit.getValueAs(Long.class) == null) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "an OVER frame bound must be a constant, got " + offset);
        }
        long n = lit.getValueAs(Long.class);
        if (n < 0) throw new SqlException(ErrorCode.VALIDATION, "an OVER frame bound must not be negative, got " + n);
        if (w.isRows() && n > 100_000) {
            throw new SqlException(ErrorCode.VALIDATION, "ROWS " + n + " PRECEDING keeps too many rows per partition "
                    + "(at most 100000); use RANGE INTERVAL ... PRECEDING or UNBOUNDED PRECEDING");
        }
        if (!w.isRows() && lit.getType().getSqlTypeName().getFamily() != org.apache.calcite.sql.type.SqlTypeFamily.INTERVAL_DAY_TIME) {
            throw new SqlException(ErrorCode.VALIDATION, "RANGE frames over an event-time column take an INTERVAL "
                    + "(RANGE BETWEEN INTERVAL '10' SECOND PRECEDING AND CURRENT ROW), got " + lit);
        }
        return new OverFrame(w.isRows(), n);
    }

    private static int offset(RexNode n, String fn) {
        while (n instanceof RexCall c && c.getKind() == SqlKind.CAST) n = c.getOperands().get(0);
        if (n instanceof RexLiteral lit && lit.getValueAs(Long.class) != null) {
            long v = lit.getValueAs(Long.class);
            if (v >= 1 && v <= 100_000) return (int) v;
        }
        throw new SqlException(ErrorCode.VALIDATION, fn + " offset must be a constant between 1 and 100000, got " + n);
    }

    /** The column holding {@code e}: an input column, or a new column of the Calc before the operator. */
    private static int argColumn(RexNode e, RexProgramBuilder pre, List<String> names, Map<String, Integer> extra, int width) {
        if (e instanceof RexInputRef ref && ref.getIndex() < width) return ref.getIndex();
        Integer at = extra.get(e.toString());
        if (at != null) return at;
        int col = names.size();
        String name = "$arg" + extra.size();
        names.add(name);
        pre.addProject(e, name);
        extra.put(e.toString(), col);
        return col;
    }

    /** The column an OVER clause's PARTITION BY / ORDER BY entry names (expressions are refused). */
    static int column(RexNode e, String clause) {
        if (e instanceof RexInputRef ref) return ref.getIndex();
        throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, clause + " " + e + " in OVER (...) must be a column; "
                + "compute the expression in a subquery first");
    }

    /** {@code e} in {@code type} (no cast when the column types already agree). */
    private static RexNode castTo(RexBuilder rex, RelDataType type, RexNode e) {
        return TypeMapping.toColumnType(e.getType()) == TypeMapping.toColumnType(type) ? e : rex.makeCast(type, e);
    }

    private static String describe(List<RexOver> calls, RexWindow w, Schema input, List<OverFrame> frames,
                                   Map<RexOver, Integer> frameOf) {
        StringBuilder sb = new StringBuilder("calls=[");
        for (int i = 0; i < calls.size(); i++) {
            RexOver o = calls.get(i);
            if (i > 0) sb.append(", ");
            sb.append(o.getAggOperator().getName()).append('(');
            for (int j = 0; j < o.getOperands().size(); j++) {
                RexNode op = o.getOperands().get(j);
                sb.append(j > 0 ? ", " : "").append(op instanceof RexInputRef ref && ref.getIndex() < input.size()
                        ? input.field(ref.getIndex()).name() : op.toString());
            }
            sb.append(')');
            if (frameOf.containsKey(o)) sb.append(' ').append(frames.get(frameOf.get(o)).sql());
        }
        sb.append("], partition=[");
        for (int i = 0; i < w.partitionKeys.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(input.field(((RexInputRef) w.partitionKeys.get(i)).getIndex()).name());
        }
        return sb.append("], order=[").append(input.field(((RexInputRef) w.orderKeys.get(0).left).getIndex()).name())
                .append(']').toString();
    }
}
