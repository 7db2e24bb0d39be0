package io.laminar.plan;

import io.laminar.ErrorCode;
import io.laminar.SqlException;
import io.laminar.codegen.CalcCompiler;
import io.laminar.codegen.CalcProgram;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import io.laminar.operator.EmitMode;
import io.laminar.operator.aggregate.AggregateLayout;
import io.laminar.operator.aggregate.Aggregators.AggCallSpec;
import io.laminar.operator.window.WindowSpec;
import io.laminar.sql.TypeMapping;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Turns a normalised logical plan (see {@link io.laminar.sql.SqlFrontEnd}) into a {@link PhysicalPlan}.
 *
 * <p>Supported shape, bottom-up: a scan of one source or stream; Calcs; optionally a window table function; optionally
 * one Aggregate; Calcs above it. A window function directly feeding an Aggregate that groups by
 * {@code window_start, window_end} becomes one fused window aggregate (rows are assigned to windows inside the
 * operator, so HOP does not multiply rows across the exchange); a window function without aggregation becomes a
 * stateless assigner (TUMBLE, HOP, CUMULATE) or, for SESSION, a keyed operator that holds rows until their session
 * closes. Anything else is refused with an error naming the construct.
 */
public final class StreamPlanner {
    /** What the planner needs to know about the object a query reads. */
    public interface InputInfo {
        /** True when {@code name} is an updating stream (+I/-U/+U/-D). */
        boolean isUpdating(String name);

        /** True when {@code name} is a source (late-data rules apply). */
        boolean isSource(String name);
    }

    /** The EMIT clause and lateness clauses of the statement. */
    public record Emission(EmitMode mode, long everyMillis, long allowedLateness, String lateDataTo) {
        public static final Emission DEFAULT = new Emission(null, 0, 0, null);
    }

    private StreamPlanner() {}

    public static PhysicalPlan plan(RelNode root, Emission emission, InputInfo inputs) {
        List<RelNode> chain = new ArrayList<>();
        RelNode n = root;
        while (true) {
            chain.add(n);
            if (n instanceof TableScan) break;
            if (PhysicalCorrelate.handles(n)) { // LATERAL TABLE(f(x)): a stateless stage over the left side
                n = ((org.apache.calcite.rel.core.Correlate) n).getLeft();
                continue;
            }
            if (n instanceof Calc || n instanceof Aggregate || n instanceof TableFunctionScan) {
                if (n.getInputs().size() != 1) throw unsupported(n);
                n = n.getInput(0);
                continue;
            }
            throw unsupported(n);
        }
        Collections.reverse(chain); // bottom-up: scan first
        TableScan scan = (TableScan) chain.get(0);
        List<String> qualified = scan.getTable().getQualifiedName();
        String input = qualified.get(qualified.size() - 1);
        boolean inputUpdating = inputs.isUpdating(input);
        boolean inputIsSource = inputs.isSource(input);

        int aggAt = -1, windowAt = -1;
        for (int i = 1; i < chain.size(); i++) {
            RelNode r = chain.get(i);
            if (r instanceof Aggregate) {
                if (aggAt >= 0) throw new SqlException(ErrorCode.UNSUPPORTED_QUERY,
                        "nested aggregation (an aggregate over an aggregate in one query) is not supported yet; "
                                + "split it into two streams, the second reading the first");
                aggAt = i;
            }
            if (r instanceof TableFunctionScan) {
                if (windowAt >= 0) throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "only one window function per query");
                windowAt = i;
            }
        }
        if ((emission.allowedLateness() > 0 || emission.lateDataTo() != null) && !inputIsSource) {
            throw new SqlException(ErrorCode.VALIDATION, "ALLOW LATENESS and LATE DATA TO apply to queries that read a "
                    + "source directly; " + input + " is a stream");
        }
        if (aggAt >= 0 && inputUpdating && windowAt >= 0) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "window aggregation over " + input + ", an updating "
                    + "stream (+I/-U/+U/-D), is not supported; GROUP BY without a window aggregates a changelog");
        }
        boolean windowedAgg = aggAt >= 0 && windowAt >= 0 && windowAt < aggAt;
        if (windowAt >= 0 && aggAt >= 0 && windowAt > aggAt) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "a window function over an aggregate's output is not "
                    + "supported in one query; create a stream for the aggregate and window that stream");
        }
        boolean sessionAssign = windowAt >= 0 && aggAt < 0
                && windowCall((TableFunctionScan) chain.get(windowAt)).spec.kind() == WindowSpec.Kind.SESSION;
        if (sessionAssign && inputUpdating) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "SESSION over " + input + ", an updating stream "
                    + "(+I/-U/+U/-D), is not supported; session an append-only stream or source");
        }
        EmitMode emit = emission.mode();
        if (emit == null) emit = windowedAgg || sessionAssign ? EmitMode.ON_WINDOW_CLOSE : EmitMode.CHANGES;
        if (sessionAssign && (emit == EmitMode.CHANGES || emit == EmitMode.EVERY)) {
            throw new SqlException(ErrorCode.VALIDATION, "SESSION without aggregation emits each row once, when its "
                    + "session closes; " + emit.sql() + " needs an aggregation (GROUP BY window_start, window_end)");
        }
        if ((emit == EmitMode.ON_WINDOW_CLOSE || emit == EmitMode.FINAL) && !windowedAgg && !sessionAssign) {
            throw new SqlException(ErrorCode.VALIDATION, emit.sql() + " needs a windowed aggregation: GROUP BY "
                    + "window_start, window_end over TUMBLE, HOP, SESSION or CUMULATE (or GROUP BY TUMBLE(ts, ...))");
        }
        if (emit == EmitMode.FINAL && emission.allowedLateness() > 0) {
            throw new SqlException(ErrorCode.VALIDATION, "EMIT FINAL means zero lateness and cannot be combined with "
                    + "ALLOW LATENESS; use EMIT ON WINDOW CLOSE with ALLOW LATENESS");
        }
        if (emit == EmitMode.EVERY && aggAt < 0) {
            throw new SqlException(ErrorCode.VALIDATION, "EMIT EVERY needs an aggregation");
        }

        List<PhysicalStage> prefix = new ArrayList<>();
        List<PhysicalStage> suffix = new ArrayList<>();
        int[] exchangeKeys = null;
        PhysicalOperator operator = null;
        Schema current = TypeMapping.toSchema(scan.getRowType());
        if (aggAt < 0) {
            for (int i = 1; i < chain.size(); i++) {
                RelNode r = chain.get(i);
                List<PhysicalStage> stages = operator == null ? prefix : suffix;
                if (PhysicalCorrelate.handles(r)) {
                    current = PhysicalCorrelate.add(r, current, stages);
                    continue;
                }
                if (r instanceof Calc c && TopNPlanner.containsOver(c.getProgram())
                        && OverPlanner.isOverWindow(mergeCalcsFrom(chain, i))) {
                    OverPlanner.Split over = OverPlanner.split(mergeCalcsFrom(chain, i), current, c.getCluster().getRexBuilder(),
                            inputUpdating ? input + ", an updating stream," : operator != null ? "a SESSION window" : null);
                    if (over.pre() != null) prefix.add(over.pre());
                    operator = over.operator();
                    exchangeKeys = over.operator().partitionKeys();
                    current = over.operator().outputSchema();
                    suffix.add(calc(over.after(), current, over.after().getOutputRowType(), false));
                    current = suffix.get(suffix.size() - 1).outputSchema();
                    break;
                }
                if (r instanceof Calc c && TopNPlanner.containsOver(c.getProgram())) {
                    if (operator != null || inputUpdating) {
                        throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "top-N over " + (inputUpdating
                                ? input + ", an updating stream," : "a SESSION window") + " is not supported yet; "
                                + "rank an append-only stream or source");
                    }
                    RexProgram program = mergeCalcsFrom(chain, i);
                    TopNPlanner.Split split = TopNPlanner.split(program, current, c.getCluster().getRexBuilder());
                    operator = split.operator();
                    exchangeKeys = split.operator().partitionKeys();
                    current = split.operator().outputSchema();
                    suffix.add(calc(split.after(), current, split.after().getOutputRowType(), true));
                    current = suffix.get(suffix.size() - 1).outputSchema();
                    break;
                }
                if (r instanceof Calc c) {
                    stages.add(calc(c.getProgram(), current, c.getRowType(), inputUpdating));
                    current = stages.get(stages.size() - 1).outputSchema();
                    continue;
                }
                WindowCall w = windowCall((TableFunctionScan) r);
                if (w.spec.kind() == WindowSpec.Kind.SESSION) {
                    PhysicalSessionAssign session = new PhysicalSessionAssign(current, windowOutput(current),
                            w.sessionKeys, w.spec.size(), w.timeColumn, emit == EmitMode.FINAL ? 0 : emission.allowedLateness());
                    operator = session;
                    exchangeKeys = w.sessionKeys;
                    current = session.outputSchema();
                } else {
                    prefix.add(new PhysicalWindowAssign(w.spec, w.timeColumn, windowOutput(current)));
                    current = prefix.get(prefix.size() - 1).outputSchema();
                }
            }
        } else {
            int bottomOfAgg = windowedAgg ? windowAt : aggAt;
            for (int i = 1; i < bottomOfAgg; i++) {
                if (PhysicalCorrelate.handles(chain.get(i))) {
                    current = PhysicalCorrelate.add(chain.get(i), current, prefix);
                    continue;
                }
                Calc c = (Calc) chain.get(i);
                prefix.add(calc(c.getProgram(), current, c.getRowType(), inputUpdating));
                current = prefix.get(prefix.size() - 1).outputSchema();
            }
            Aggregate agg = (Aggregate) chain.get(aggAt);
            PhysicalAggregate aggregate;
            if (agg.getGroupType() != Aggregate.Group.SIMPLE) {
                throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "GROUPING SETS, ROLLUP and CUBE are not supported yet");
            }
            if (windowedAgg) {
                TableFunctionScan t = (TableFunctionScan) chain.get(windowAt);
                Calc mid = aggAt - windowAt == 2 ? (Calc) chain.get(windowAt + 1) : null;
                if (aggAt - windowAt > 2) throw unsupported(chain.get(windowAt + 2));
                aggregate = windowAggregate(t, mid, agg, current, emit, emission, prefix);
            } else {
                aggregate = groupAggregate(agg, current, emit, emission, inputUpdating);
            }
            operator = aggregate;
            exchangeKeys = aggregate.layout().keyColumns();
            current = aggregate.outputSchema();
            for (int i = aggAt + 1; i < chain.size(); i++) {
                if (PhysicalCorrelate.handles(chain.get(i))) {
                    current = PhysicalCorrelate.add(chain.get(i), current, suffix);
                    continue;
                }
                Calc c = (Calc) chain.get(i);
                suffix.add(calc(c.getProgram(), current, c.getRowType(), emit.isUpdating()));
                current = suffix.get(suffix.size() - 1).outputSchema();
            }
        }
        boolean updating = aggAt >= 0 ? emit.isUpdating() : inputUpdating || operator instanceof PhysicalTopN;
        Schema output = TypeMapping.toSchema(root.getRowType());
        output = new Schema(output.fields(), current.rowtimeIndex());
        return new PhysicalPlan(input, prefix, exchangeKeys, operator, suffix, output, updating, emit,
                emission.allowedLateness(), emission.lateDataTo(), root.getDigest().toString());
    }

    /** The Calc at {@code from} merged with every Calc above it (the rest of the chain must be Calcs). */
    private static RexProgram mergeCalcsFrom(List<RelNode> chain, int from) {
        Calc bottom = (Calc) chain.get(from);
        RexProgram program = bottom.getProgram();
        for (int i = from + 1; i < chain.size(); i++) {
            if (!(chain.get(i) instanceof Calc top)) throw unsupported(chain.get(i));
            if (TopNPlanner.containsOver(top.getProgram())) {
                throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "OVER over the result of another OVER is not supported yet");
            }
            program = RexProgramBuilder.mergePrograms(top.getProgram(), program, bottom.getCluster().getRexBuilder());
        }
        return program;
    }

    /** @param updatingInput the Calc filters a changelog, so it must keep -U/+U pairs consistent */
    private static PhysicalCalc calc(RexProgram program, Schema input, RelDataType outputType, boolean updatingInput) {
        Schema out = TypeMapping.toSchema(outputType);
        CalcProgram compiled = CalcCompiler.compile(program, input, out);
        return new PhysicalCalc(compiled, out, describe(program), updatingInput && program.getCondition() != null);
    }

    private static String describe(RexProgram program) {
        List<String> parts = new ArrayList<>();
        if (program.getCondition() != null) {
            parts.add("where " + program.expandLocalRef(program.getCondition()));
        }
        List<String> projections = new ArrayList<>();
        List<String> names = program.getOutputRowType().getFieldNames();
        for (int i = 0; i < program.getProjectList().size(); i++) {
            projections.add(names.get(i) + "=" + program.expandLocalRef(program.getProjectList().get(i)));
        }
        parts.add("select " + String.join(", ", projections));
        return String.join("; ", parts);
    }

    private static PhysicalAggregate groupAggregate(Aggregate agg, Schema input, EmitMode emit, Emission emission,
                                                    boolean retracting) {
        int[] keys = agg.getGroupSet().toArray();
        int[] groupSources = new int[keys.length];
        for (int i = 0; i < keys.length; i++) groupSources[i] = i;
        Schema output = TypeMapping.toSchema(agg.getRowType());
        AggregateLayout layout = new AggregateLayout(groupSources, keys, input, output);
        return new PhysicalAggregate(layout, aggCalls(agg, i -> i), null, -1, emit, 0, emission.everyMillis(), retracting, false);
    }

    private static List<AggCallSpec> aggCalls(Aggregate agg, java.util.function.IntUnaryOperator columnMap) {
        List<AggCallSpec> calls = new ArrayList<>();
        for (AggregateCall call : agg.getAggCallList()) {
            if (call.getArgList().size() > 1) {
                throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "aggregate " + call + " with several arguments is not supported");
            }
            int arg = call.getArgList().isEmpty() ? -1 : columnMap.applyAsInt(call.getArgList().get(0));
            int filter = call.filterArg >= 0 ? columnMap.applyAsInt(call.filterArg) : -1;
            calls.add(new AggCallSpec(call.getAggregation().getName().toUpperCase(Locale.ROOT), call.isDistinct(), arg,
                    filter, call.getName()));
        }
        return calls;
    }

    /**
     * A window table function call: its spec, the time column (an index into the function's input) and, for
     * SESSION, the columns of its optional {@code DESCRIPTOR(key, ...)} (empty: one session stream).
     */
    private record WindowCall(WindowSpec spec, int timeColumn, int[] sessionKeys) {}

    private static WindowCall windowCall(TableFunctionScan t) {
        RexCall call = (RexCall) t.getCall();
        String fn = call.getOperator().getName().toUpperCase(Locale.ROOT);
        List<RexNode> ops = call.getOperands();
        int timeColumn = descriptorColumn(ops.get(0), fn);
        List<Long> intervals = new ArrayList<>();
        int[] sessionKeys = new int[0];
        for (int i = 1; i < ops.size(); i++) {
            RexNode op = ops.get(i);
            if (op instanceof RexCall d && d.getOperator().getName().equalsIgnoreCase("DESCRIPTOR")) { // session key
                sessionKeys = d.getOperands().stream().mapToInt(k -> ((RexInputRef) k).getIndex()).toArray();
                continue;
            }
            if (!(op instanceof RexLiteral lit)) {
                throw new SqlException(ErrorCode.VALIDATION, fn + " sizes must be INTERVAL literals, got " + op);
            }
            Long v = lit.getValueAs(Long.class);
            intervals.add(v);
        }
        WindowSpec spec = switch (fn) {
            case "TUMBLE" -> WindowSpec.tumble(positive(fn, "size", intervals.get(0)), intervals.size() > 1 ? intervals.get(1) : 0);
            case "HOP" -> {
                long slide = positive(fn, "slide", intervals.get(0)), size = positive(fn, "size", intervals.get(1));
                yield WindowSpec.hop(slide, size, intervals.size() > 2 ? intervals.get(2) : 0);
            }
            case "CUMULATE" -> {
                long step = positive(fn, "step", intervals.get(0)), size = positive(fn, "size", intervals.get(1));
                if (size % step != 0) {
                    throw new SqlException(ErrorCode.VALIDATION, "CUMULATE size (" + size + " ms) must be a whole multiple of its step (" + step + " ms)");
                }
                yield WindowSpec.cumulate(step, size, intervals.size() > 2 ? intervals.get(2) : 0);
            }
            case "SESSION" -> WindowSpec.session(positive(fn, "gap", intervals.get(intervals.size() - 1)));
            default -> throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "table function " + fn + " is not supported");
        };
        return new WindowCall(spec, timeColumn, sessionKeys);
    }

    private static long positive(String fn, String what, long v) {
        if (v <= 0) throw new SqlException(ErrorCode.VALIDATION, fn + " " + what + " must be positive, got " + v + " ms");
        return v;
    }

    private static int descriptorColumn(RexNode node, String fn) {
        if (node instanceof RexCall d && d.getOperator().getName().equalsIgnoreCase("DESCRIPTOR")
                && d.getOperands().get(0) instanceof RexInputRef ref) {
            return ref.getIndex();
        }
        throw new SqlException(ErrorCode.VALIDATION, fn + " needs DESCRIPTOR(time_column) as its time argument");
    }

    /** The input columns plus Calcite's window columns, window_start and window_end. */
    private static Schema windowOutput(Schema input) {
        List<Field> fields = new ArrayList<>(input.fields());
        fields.add(new Field("window_start", ColumnType.TIMESTAMP, false));
        fields.add(new Field("window_end", ColumnType.TIMESTAMP, false));
        return new Schema(fields);
    }

    /**
     * The fused window aggregate. The Calc between the window function and the Aggregate is re-expressed over the
     * window function's input: references to window_start/window_end become virtual (filled in by the operator),
     * every other expression is evaluated before window assignment.
     */
    private static PhysicalAggregate windowAggregate(TableFunctionScan tvf, Calc mid, Aggregate agg, Schema input,
                                                     EmitMode emit, Emission emission, List<PhysicalStage> prefix) {
        WindowCall w = windowCall(tvf);
        RelDataType tvfInputType = tvf.getInput(0).getRowType();
        int n = tvfInputType.getFieldCount();
        RexBuilder rex = tvf.getCluster().getRexBuilder();
        // the aggregate's input column j is: virtual window column (-1 start, -2 end) or a column of the new calc
        int aggInputWidth = agg.getInput().getRowType().getFieldCount();
        int[] aggInputSource = new int[aggInputWidth];
        RexProgramBuilder pb = new RexProgramBuilder(tvfInputType, rex);
        List<String> names = new ArrayList<>();
        if (mid == null) {
            for (int j = 0; j < aggInputWidth; j++) {
                if (j >= n) aggInputSource[j] = j == n ? AggregateLayout.WINDOW_START : AggregateLayout.WINDOW_END;
                else {
                    aggInputSource[j] = names.size();
                    pb.addProject(rex.makeInputRef(tvfInputType.getFieldList().get(j).getType(), j), uniq(names, tvfInputType.getFieldNames().get(j)));
                }
            }
        } else {
            RexProgram program = mid.getProgram();
            if (program.getCondition() != null) {
                RexNode cond = program.expandLocalRef(program.getCondition());
                if (referencesAtOrAbove(cond, n)) {
                    throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "a WHERE condition on window_start/window_end "
                            + "before aggregating is not supported; filter the aggregate's output (HAVING) instead");
                }
                pb.addCondition(cond);
            }
            List<String> outNames = program.getOutputRowType().getFieldNames();
            for (int j = 0; j < program.getProjectList().size(); j++) {
                RexNode e = program.expandLocalRef(program.getProjectList().get(j));
                if (e instanceof RexInputRef ref && ref.getIndex() >= n) {
                    aggInputSource[j] = ref.getIndex() == n ? AggregateLayout.WINDOW_START : AggregateLayout.WINDOW_END;
                } else if (referencesAtOrAbove(e, n)) {
                    throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "expression " + e + " over window_start/"
                            + "window_end before aggregating is not supported; compute it after the aggregation");
                } else {
                    aggInputSource[j] = names.size();
                    pb.addProject(e, uniq(names, outNames.get(j)));
                }
            }
        }
        // the time column must survive the calc so the operator can assign windows
        int timeColumn = -1;
        for (int j = 0; j < pb.getProjectList().size(); j++) {
            RexNode e = pb.getProgram(false).expandLocalRef(pb.getProjectList().get(j));
            if (e instanceof RexInputRef ref && ref.getIndex() == w.timeColumn) timeColumn = j;
        }
        if (timeColumn < 0) {
            timeColumn = names.size();
            pb.addProject(rex.makeInputRef(tvfInputType.getFieldList().get(w.timeColumn).getType(), w.timeColumn),
                    uniq(names, tvfInputType.getFieldNames().get(w.timeColumn)));
        }
        RexProgram preProgram = pb.getProgram(false);
        RelDataType preType = preProgram.getOutputRowType();
        Schema preSchema = TypeMapping.toSchema(preType);
        if (!isIdentity(preProgram, n)) {
            CalcProgram compiled = CalcCompiler.compile(preProgram, input, preSchema);
            prefix.add(new PhysicalCalc(compiled, preSchema, describe(preProgram), false));
        } else {
            preSchema = input;
        }

        int[] groups = agg.getGroupSet().toArray();
        boolean hasStart = false, hasEnd = false;
        List<Integer> keyCols = new ArrayList<>();
        int[] groupSources = new int[groups.length];
        for (int i = 0; i < groups.length; i++) {
            int src = aggInputSource[groups[i]];
            if (src == AggregateLayout.WINDOW_START) { hasStart = true; groupSources[i] = src; }
            else if (src == AggregateLayout.WINDOW_END) { hasEnd = true; groupSources[i] = src; }
            else { groupSources[i] = keyCols.size(); keyCols.add(src); }
        }
        if (!hasStart || !hasEnd) {
            throw new SqlException(ErrorCode.VALIDATION, "an aggregation over a window table function must GROUP BY both "
                    + "window_start and window_end");
        }
        int[] keys = keyCols.stream().mapToInt(Integer::intValue).toArray();
        Schema output = TypeMapping.toSchema(agg.getRowType());
        AggregateLayout layout = new AggregateLayout(groupSources, keys, preSchema, output);
        List<AggCallSpec> calls = aggCalls(agg, j -> {
            int src = aggInputSource[j];
            if (src < 0) throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "aggregating window_start/window_end is not supported");
            return src;
        });
        return new PhysicalAggregate(layout, calls, w.spec, timeColumn, emit, emission.allowedLateness(), emission.everyMillis(),
                false, PhysicalAggregate.isProcessingTime(tvf.getInput(0), w.timeColumn));
    }

    private static boolean isIdentity(RexProgram p, int inputWidth) {
        if (p.getCondition() != null || p.getProjectList().size() != inputWidth) return false;
        for (int i = 0; i < inputWidth; i++) {
            RexNode e = p.expandLocalRef(p.getProjectList().get(i));
            if (!(e instanceof RexInputRef ref) || ref.getIndex() != i) return false;
        }
        return true;
    }

    private static String uniq(List<String> names, String name) {
        String n = name;
        int i = 0;
        while (names.contains(n)) n = name + "_" + (++i);
        names.add(n);
        return n;
    }

    private static boolean referencesAtOrAbove(RexNode e, int n) {
        ImmutableBitSet bits = org.apache.calcite.plan.RelOptUtil.InputFinder.bits(e);
        return bits.nextSetBit(n) >= 0;
    }

    private static SqlException unsupported(RelNode n) {
        String what = n.getRelTypeName();
        String msg;
        if (what.contains("Join") || what.contains("Correlate")) msg = "joins are not supported yet";
        else if (what.contains("Sort")) msg = "ORDER BY / LIMIT on a stream is not supported yet (top-N arrives with joins)";
        else if (what.contains("Union") || what.contains("Minus") || what.contains("Intersect")) msg = "UNION/INTERSECT/EXCEPT are not supported yet";
        else if (what.contains("Values")) msg = "a query over VALUES is not a stream; use INSERT INTO a source";
        else if (what.contains("Window")) msg = "OVER windows are not supported yet";
        else msg = "the relational operator " + what + " is not supported in a streaming query yet";
        return new SqlException(ErrorCode.UNSUPPORTED_QUERY, msg);
    }
}
