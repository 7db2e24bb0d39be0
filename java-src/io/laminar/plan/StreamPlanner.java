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

        /** The event-time column of {@code name}'s rows (its WATERMARK column), or -1. */
        default int rowtime(String name) { return -1; }

        /** {@code name} as a table a stream can look rows up in by primary key, or null when it is not a table. */
        default LookupTable lookupTable(String name) { return null; }

        /** The user accepted operators whose state grows without bound (SET 'state.unbounded' = 'allow'). */
        default boolean allowsUnboundedState() { return false; }

        /** The PRIMARY KEY columns of {@code name} when it is an upsert source, or null. */
        default int[] upsertKey(String name) { return null; }
    }

    /** The EMIT clause and lateness clauses of the statement. */
    public record Emission(EmitMode mode, long everyMillis, long allowedLateness, String lateDataTo) {
        public static final Emission DEFAULT = new Emission(null, 0, 0, null);
    }

    private StreamPlanner() {}

    /**
     * Plans a query named {@code name}. Where one stateful operator feeds another (an aggregate over a join, a top-N
     * over an aggregate, a join of aggregates), the query is cut: the lower part becomes a pipeline of its own whose
     * output node is {@code name$n}, which the upper part reads.
     */
    public static QueryPlan plan(RelNode root, Emission emission, InputInfo inputs, String name) {
        Fragments f = new Fragments(name, inputs);
        PhysicalPlan last = f.planTree(root, emission);
        f.fragments.add(new QueryPlan.Fragment(name, last));
        if (f.fragments.size() > 1 && (emission.allowedLateness() > 0 || emission.lateDataTo() != null)) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "ALLOW LATENESS and LATE DATA TO are not supported yet "
                    + "in a query with several stateful steps (joins, nested aggregation); apply them in a stream that "
                    + "reads the source and build on that stream");
        }
        return new QueryPlan(List.copyOf(f.fragments), List.copyOf(f.lookupTables));
    }

    /**
     * What a pipeline reads: a source or stream of the catalog, or an internal node another fragment of the same
     * query produces. {@code schema} carries the event-time column (its rowtime index) when the rows have one.
     */
    record Leaf(String node, Schema schema, boolean updating, boolean source, String label) {
        Leaf(String node, Schema schema, boolean updating, boolean source) {
            this(node, schema, updating, source, node);
        }
    }

    /** The pipelines a query is cut into, collected bottom-up while planning. */
    static final class Fragments {
        final String name;
        final InputInfo inputs;
        final List<QueryPlan.Fragment> fragments = new ArrayList<>();
        /** Reference tables looked up by the query's lookup joins. */
        final java.util.Set<String> lookupTables = new java.util.LinkedHashSet<>();

        Fragments(String name, InputInfo inputs) {
            this.name = name;
            this.inputs = inputs;
        }

        /** Changelogs of the upsert sources this query reads, planned once per source. */
        private final java.util.Map<String, Leaf> normalized = new java.util.HashMap<>();

        /**
         * What a scan reads. An upsert source is read as its changelog: a pipeline of the query's own keeps each
         * key's current row and turns upserts and tombstones into +I/-U/+U/-D.
         */
        Leaf leafOf(TableScan scan) {
            Leaf raw = rawLeafOf(scan);
            int[] key = inputs.upsertKey(raw.node());
            if (key == null) return raw;
            return normalized.computeIfAbsent(raw.node().toLowerCase(Locale.ROOT), k -> {
                Schema changelog = new Schema(raw.schema().fields(), -1); // updates carry no event time onward
                PhysicalPlan plan = new PhysicalPlan(List.of(new PhysicalInput(raw.node(), raw.schema(), List.of(), key)),
                        new PhysicalUpsertNormalize(raw.node(), raw.schema(), key), List.of(), changelog, true,
                        // upserts apply in arrival order: none is ever late
                        EmitMode.CHANGES, Long.MAX_VALUE, null,
                        "UpsertNormalize(" + raw.node() + ", " + java.util.Arrays.toString(key) + ", " + raw.schema() + ")");
                String node = name + "$" + (fragments.size() + 1);
                fragments.add(new QueryPlan.Fragment(node, plan));
                return new Leaf(node, changelog, true, false, raw.node() + " (an upsert source, read as the changelog of "
                        + "its PRIMARY KEY)");
            });
        }

        /** What a scan reads, an upsert source's rows as written (the versions a temporal join looks up). */
        Leaf rawLeafOf(TableScan scan) {
            List<String> qualified = scan.getTable().getQualifiedName();
            String input = qualified.get(qualified.size() - 1);
            Schema schema = TypeMapping.toSchema(scan.getRowType());
            int rowtime = inputs.rowtime(input);
            if (rowtime >= 0) schema = schema.withRowtime(rowtime);
            return new Leaf(input, schema, inputs.isUpdating(input), inputs.isSource(input));
        }

        /** Plans {@code subtree} as a pipeline of its own; the caller reads its output node. */
        Leaf materialize(RelNode subtree) {
            PhysicalPlan plan = planTree(subtree, Emission.DEFAULT);
            String node = name + "$" + (fragments.size() + 1);
            fragments.add(new QueryPlan.Fragment(node, plan));
            return new Leaf(node, plan.outputSchema(), plan.updating(), false);
        }

        /** A pipeline for the tree under {@code root}, cutting off lower stateful steps as fragments. */
        PhysicalPlan planTree(RelNode root, Emission emission) {
            List<RelNode> chain = new ArrayList<>();
            RelNode n = root;
            while (true) {
                chain.add(n);
                if (PhysicalCorrelate.handles(n)) { // LATERAL TABLE(f(x)): a stateless stage over the left side
                    n = ((org.apache.calcite.rel.core.Correlate) n).getLeft();
                    continue;
                }
                if (n instanceof Calc || n instanceof Aggregate || (n instanceof TableFunctionScan && n.getInputs().size() == 1)) {
                    n = n.getInput(0);
                    continue;
                }
                break;
            }
            Collections.reverse(chain); // bottom-up: the leaf first
            RelNode bottom = chain.get(0);
            boolean multiInput = bottom instanceof org.apache.calcite.rel.core.Join
                    || bottom instanceof org.apache.calcite.rel.core.Union
                    || JoinPlanner.isTemporalJoin(bottom);
            if (!multiInput && !(bottom instanceof TableScan)) throw unsupported(bottom);
            int group = topStatefulGroup(chain);
            if (group > 0 && (multiInput || statefulBelow(chain, group))) {
                Leaf leaf = materialize(chain.get(group - 1));
                List<RelNode> upper = new ArrayList<>(chain.subList(group - 1, chain.size()));
                return planChain(upper, leaf, emission, root);
            }
            if (multiInput) return JoinPlanner.plan(bottom, chain.subList(1, chain.size()), emission, this, root);
            return planChain(chain, leafOf((TableScan) bottom), emission, root);
        }
    }

    /**
     * Where the topmost stateful step of a bottom-up chain begins: an Aggregate (with the window function and Calc
     * fused below it), a session window function, or a Calc with OVER (top-N); -1 when the chain is stateless.
     */
    private static int topStatefulGroup(List<RelNode> chain) {
        for (int i = chain.size() - 1; i >= 1; i--) {
            RelNode r = chain.get(i);
            if (r instanceof Aggregate) {
                if (chain.get(i - 1) instanceof TableFunctionScan) return i - 1;
                if (i >= 3 && chain.get(i - 1) instanceof Calc && chain.get(i - 2) instanceof TableFunctionScan) return i - 2;
                return i;
            }
            if (isStatefulStep(r)) return i;
        }
        return -1;
    }

    private static boolean statefulBelow(List<RelNode> chain, int group) {
        for (int i = 1; i < group; i++) if (chain.get(i) instanceof Aggregate || isStatefulStep(chain.get(i))) return true;
        return false;
    }

    private static boolean isStatefulStep(RelNode r) {
        if (r instanceof Calc c) return TopNPlanner.containsOver(c.getProgram());
        return r instanceof TableFunctionScan t && windowCall(t).spec.kind() == WindowSpec.Kind.SESSION;
    }

    /**
     * One pipeline over {@code leaf}: {@code chain.get(0)} is the node the leaf stands for, then Calcs, at most one
     * window function and one stateful step, Calcs above.
     */
    private static PhysicalPlan planChain(List<RelNode> chain, Leaf leaf, Emission emission, RelNode root) {
        String input = leaf.label(); // what messages call the input
        boolean inputUpdating = leaf.updating();
        boolean inputIsSource = leaf.source();

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
        Schema current = leaf.schema();
        if (aggAt < 0) {
            for (int i = 1; i < chain.size(); i++) {
                RelNode r = chain.get(i);
                List<PhysicalStage> stages = operator == null ? prefix : suffix;
                if (PhysicalCorrelate.handles(r)) {
                    current = PhysicalCorrelate.add(r, current, stages);
                    continue;
                }
                if (r instanceof Calc c && TopNPlanner.containsOver(c.getProgram())) { // an OVER window or a top-N
                    RexProgram program = mergeCalcsFrom(chain, i);
                    RexProgram after;
                    boolean retractingAfter;
                    if (OverPlanner.isOverWindow(program)) {
                        OverPlanner.Split over = OverPlanner.split(program, current, c.getCluster().getRexBuilder(),
                                inputUpdating ? input + ", an updating stream," : operator != null ? "a SESSION window" : null);
                        if (over.pre() != null) prefix.add(over.pre());
                        operator = over.operator();
                        exchangeKeys = over.operator().partitionKeys();
                        after = over.after();
                        retractingAfter = false;
                    } else {
                        if (operator != null) {
                            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "top-N over a SESSION window is not "
                                    + "supported yet; rank an append-only stream or source");
                        }
                        TopNPlanner.Split split = TopNPlanner.split(program, current, c.getCluster().getRexBuilder(),
                                inputUpdating);
                        operator = split.operator();
                        exchangeKeys = split.operator().partitionKeys();
                        after = split.after();
                        retractingAfter = true;
                    }
                    current = operator.outputSchema();
                    suffix.add(calc(after, current, after.getOutputRowType(), retractingAfter));
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
        return new PhysicalPlan(List.of(new PhysicalInput(leaf.node(), leaf.schema(), prefix, exchangeKeys)), operator, suffix,
                output, updating, emit, emission.allowedLateness(), emission.lateDataTo(), root.getDigest().toString());
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
    static PhysicalCalc calc(RexProgram program, Schema input, RelDataType outputType, boolean updatingInput) {
        Schema out = withRowtime(TypeMapping.toSchema(outputType), program, input);
        CalcProgram compiled = CalcCompiler.compile(program, input, out);
        return new PhysicalCalc(compiled, out, describe(program), updatingInput && program.getCondition() != null);
    }

    /** The Calc's output keeps the event-time column when it passes the input's through unchanged. */
    private static Schema withRowtime(Schema out, RexProgram program, Schema input) {
        if (input.rowtimeIndex() < 0) return out;
        for (int j = 0; j < program.getProjectList().size(); j++) {
            RexNode e = program.expandLocalRef(program.getProjectList().get(j));
            if (e instanceof RexInputRef ref && ref.getIndex() == input.rowtimeIndex()) return out.withRowtime(j);
        }
        return out;
    }

    static String describe(RexProgram program) {
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
        return new Schema(fields, input.rowtimeIndex());
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
        for (int i = 0; i < groups.length; i++) {
            // a window's rows are emitted once the watermark passes its end: window_end is their event time
            if (groupSources[i] == AggregateLayout.WINDOW_END) output = output.withRowtime(i);
        }
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
