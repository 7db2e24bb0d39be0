package io.laminar.plan;

import io.laminar.ErrorCode;
import io.laminar.SqlException;
import io.laminar.codegen.CalcCompiler;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import io.laminar.exec.ExecStage;
import io.laminar.function.FunctionTable;
import io.laminar.function.TableFunction;
import io.laminar.function.TableFunctionStage;
import io.laminar.sql.TypeMapping;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.rex.RexShuttle;

/**
 * {@code CROSS JOIN LATERAL TABLE(f(x))} / {@code LEFT JOIN LATERAL TABLE(f(x)) ON TRUE} — Calcite's Correlate over
 * a TableFunctionScan of a user table function — as a stateless stage ({@link TableFunctionStage}): a compiled
 * kernel computes the arguments from each row, the function expands the row. It runs where the rows are, before
 * or without an exchange, like any Calc.
 */
public record PhysicalCorrelate(TableFunction function, PhysicalCalc arguments, boolean outer, Schema expandedSchema,
                                PhysicalCalc after) implements PhysicalStage {
    /** True when {@code r} is a Correlate this stage runs: its right side is a user table function call. */
    public static boolean handles(RelNode r) {
        return r instanceof Correlate c && scan(c.getRight()) != null;
    }

    /** The function scan on the right: directly, or under a Calc (a filter or projection Calcite pushed there). */
    private static TableFunctionScan scan(RelNode right) {
        if (right instanceof Calc calc) right = calc.getInput();
        return right instanceof TableFunctionScan t && t.getCall() instanceof RexCall call
                && call.getOperator() instanceof FunctionTable.TableOperator ? t : null;
    }

    @Override public Schema outputSchema() { return after != null ? after.outputSchema() : expandedSchema; }

    /** Plans correlate {@code r} (see {@link #handles}) over rows of {@code input} into {@code stages}; its output schema. */
    static Schema add(RelNode r, Schema input, List<PhysicalStage> stages) {
        PhysicalCorrelate stage = plan((Correlate) r, input);
        stages.add(stage);
        return stage.outputSchema();
    }

    /** The stage for correlate {@code c} over rows of {@code input}. */
    public static PhysicalCorrelate plan(Correlate c, Schema input) {
        if (c.getJoinType() != JoinRelType.INNER && c.getJoinType() != JoinRelType.LEFT) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, c.getJoinType() + " JOIN LATERAL TABLE(...) is not "
                    + "supported; use CROSS JOIN LATERAL TABLE(f(x)) or LEFT JOIN LATERAL TABLE(f(x)) ON TRUE");
        }
        TableFunctionScan scan = scan(c.getRight());
        RexCall call = (RexCall) scan.getCall();
        TableFunction f = ((FunctionTable.TableOperator) call.getOperator()).function;
        RelNode left = c.getLeft();
        RexBuilder rex = c.getCluster().getRexBuilder();
        // the call's operands read the left row through the correlation variable: make them plain column references
        RexShuttle uncorrelate = new RexShuttle() {
            @Override public RexNode visitFieldAccess(RexFieldAccess access) {
                if (access.getReferenceExpr() instanceof RexCorrelVariable v && v.id.equals(c.getCorrelationId())) {
                    return rex.makeInputRef(left, access.getField().getIndex());
                }
                return super.visitFieldAccess(access);
            }
        };
        RexProgramBuilder pb = new RexProgramBuilder(left.getRowType(), rex);
        for (int i = 0; i < call.getOperands().size(); i++) {
            pb.addProject(call.getOperands().get(i).accept(uncorrelate), "$arg" + i);
        }
        RexProgram program = pb.getProgram(false);
        Schema argSchema = TypeMapping.toSchema(program.getOutputRowType());
        PhysicalCalc args = new PhysicalCalc(CalcCompiler.compile(program, input, argSchema), argSchema,
                "arguments of " + f.name(), false);
        List<Field> fields = new ArrayList<>(input.fields());
        fields.addAll(TypeMapping.toSchema(scan.getRowType()).fields()); // the function's columns, as Calcite types them
        Schema expanded = new Schema(fields, input.rowtimeIndex());
        boolean outer = c.getJoinType() == JoinRelType.LEFT;
        PhysicalCalc after = c.getRight() instanceof Calc right ? afterCalc(right, left, scan, input, expanded, outer, rex) : null;
        return new PhysicalCorrelate(f, args, outer, expanded, after);
    }

    /**
     * The right side's Calc, applied to the expanded rows: left columns pass through, the function's columns go
     * through the Calc's projections and filter. For LEFT only a plain column selection can move there (a filter
     * or an expression would act on the NULL-padded rows, which must stay NULL).
     */
    private static PhysicalCalc afterCalc(Calc right, RelNode left, TableFunctionScan scan, Schema input, Schema expanded,
                                          boolean outer, RexBuilder rex) {
        RexProgram p = right.getProgram();
        int width = input.size();
        if (outer && (p.getCondition() != null || !p.getProjectList().stream().allMatch(r -> p.expandLocalRef(r)
                instanceof org.apache.calcite.rex.RexInputRef))) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "LEFT JOIN LATERAL TABLE(...) with a condition or "
                    + "expression on the function's columns is not supported; use ON TRUE and filter or compute in the "
                    + "outer query (or use CROSS JOIN LATERAL)");
        }
        org.apache.calcite.rel.type.RelDataType expandedType = rex.getTypeFactory().builder()
                .addAll(left.getRowType().getFieldList()).addAll(scan.getRowType().getFieldList()).build();
        RexProgramBuilder pb = new RexProgramBuilder(expandedType, rex);
        for (int i = 0; i < width; i++) pb.addProject(rex.makeInputRef(expandedType.getFieldList().get(i).getType(), i),
                expandedType.getFieldNames().get(i));
        for (int i = 0; i < p.getProjectList().size(); i++) {
            pb.addProject(org.apache.calcite.rex.RexUtil.shift(p.expandLocalRef(p.getProjectList().get(i)), width),
                    p.getOutputRowType().getFieldNames().get(i));
        }
        if (p.getCondition() != null) pb.addCondition(org.apache.calcite.rex.RexUtil.shift(p.expandLocalRef(p.getCondition()), width));
        RexProgram program = pb.getProgram(false);
        Schema out = new Schema(TypeMapping.toSchema(program.getOutputRowType()).fields(), input.rowtimeIndex());
        return new PhysicalCalc(CalcCompiler.compile(program, expanded, out), out, "the function's side of the lateral join", false);
    }

    @Override public ExecStage instantiate() {
        ExecStage expand = new TableFunctionStage(function, arguments.instantiate(), outer, expandedSchema);
        if (after == null) return expand;
        ExecStage then = after.instantiate();
        return in -> then.run(expand.run(in));
    }

    @Override public String explain() {
        return (outer ? "LeftLateral(" : "Lateral(") + function.signature() + ", rows expanded where they are)";
    }

    @Override public String code() { return after == null ? arguments.code() : arguments.code() + "\n" + after.code(); }
}
