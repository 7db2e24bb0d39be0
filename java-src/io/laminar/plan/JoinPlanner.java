package io.laminar.plan;

import io.laminar.ErrorCode;
import io.laminar.SqlException;
import io.laminar.data.ColumnType;
import io.laminar.data.Schema;
import io.laminar.operator.EmitMode;
import io.laminar.operator.join.AsofJoin;
import io.laminar.operator.upsert.Tombstones;
import io.laminar.operator.join.JoinType;
import io.laminar.state.KeyRow;
import io.laminar.sql.TypeMapping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * Plans the multi-input steps: joins and UNION ALL. Each input is a source or stream with Calcs above it (run where
 * its rows arrive, before the exchange); any other input — an aggregate, another join — is planned as a pipeline of
 * its own ({@link StreamPlanner.Fragments#materialize}).
 *
 * <p>Which join: an equi-join whose condition also bounds the two inputs' event times against each other
 * ({@code r.ts BETWEEN l.ts - INTERVAL ... AND l.ts + INTERVAL ...}, or equal window ends) is an interval join, whose
 * state the watermark evicts. Without such a bound the join would have to keep every row of both inputs forever: a
 * regular join, planned only when the user accepted that ({@code SET 'state.unbounded' = 'allow'}).
 */
final class JoinPlanner {
    private JoinPlanner() {}

    /** One input of a join or union: what it reads and the stages run before the exchange. */
    private record Side(StreamPlanner.Leaf leaf, List<PhysicalStage> prefix, Schema schema) {}

    static PhysicalPlan plan(RelNode bottom, List<RelNode> above, StreamPlanner.Emission emission,
                             StreamPlanner.Fragments fragments, RelNode root) {
        if (emission.mode() != null && emission.mode() != EmitMode.CHANGES) {
            throw new SqlException(ErrorCode.VALIDATION, emission.mode().sql() + " needs a windowed aggregation; a join "
                    + "or UNION ALL emits its rows as they are produced (EMIT CHANGES)");
        }
        if (emission.allowedLateness() > 0 || emission.lateDataTo() != null) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "ALLOW LATENESS and LATE DATA TO are not supported on "
                    + "joins or UNION ALL yet; apply them in a stream over the source and join that stream");
        }
        for (RelNode r : above) {
            if (!(r instanceof Calc)) throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "a window function directly "
                    + "over a join or UNION ALL is not supported yet; create a stream for the join and window that stream");
        }
        Step step = bottom instanceof Join j ? join(j, fragments)
                : bottom instanceof Union u ? union(u, fragments)
                : temporalJoin((org.apache.calcite.rel.core.Correlate) bottom, fragments);
        if (step.operator == null) { // a lookup join: stateless, everything runs where the stream's rows arrive
            PhysicalInput in = step.inputs.get(0);
            List<PhysicalStage> stages = new ArrayList<>(in.prefix());
            Schema output = appendCalcs(above, stages, stages.get(stages.size() - 1).outputSchema(), step.updating, root);
            return new PhysicalPlan(List.of(new PhysicalInput(in.node(), in.inputSchema(), stages, null)), null, List.of(),
                    output, step.updating, EmitMode.CHANGES, 0, null, root.getDigest().toString());
        }
        List<PhysicalStage> suffix = new ArrayList<>(step.suffix);
        Schema current = suffix.isEmpty() ? step.operatorOutput : suffix.get(suffix.size() - 1).outputSchema();
        Schema output = appendCalcs(above, suffix, current, step.updating, root);
        return new PhysicalPlan(step.inputs, step.operator, suffix, output, step.updating, EmitMode.CHANGES, 0, null,
                root.getDigest().toString());
    }

    /** Compiles the Calcs above the join onto {@code stages}; returns the query's output schema. */
    private static Schema appendCalcs(List<RelNode> above, List<PhysicalStage> stages, Schema current, boolean updating,
                                      RelNode root) {
        for (RelNode r : above) {
            Calc c = (Calc) r;
            PhysicalCalc calc = StreamPlanner.calc(c.getProgram(), current, c.getRowType(), updating);
            stages.add(calc);
            current = calc.outputSchema();
        }
        return new Schema(TypeMapping.toSchema(root.getRowType()).fields(), current.rowtimeIndex());
    }

    /** The operator with its inputs and the stages right above it. */
    private record Step(List<PhysicalInput> inputs, PhysicalOperator operator, Schema operatorOutput,
                        List<PhysicalStage> suffix, boolean updating) {}

    private static Side side(RelNode input, StreamPlanner.Fragments fragments) {
        List<Calc> calcs = new ArrayList<>();
        RelNode n = input;
        while (n instanceof Calc c && !TopNPlanner.containsOver(c.getProgram())) {
            calcs.add(c);
            n = c.getInput();
        }
        if (n instanceof org.apache.calcite.rel.core.Snapshot) {
            throw unsupportedTemporal("FOR SYSTEM_TIME AS OF must name the event-time (WATERMARK) column of the "
                    + "stream it is joined with, e.g. FOR SYSTEM_TIME AS OF s.ts");
        }
        StreamPlanner.Leaf leaf;
        if (n instanceof TableScan scan) {
            leaf = fragments.leafOf(scan);
        } else {
            leaf = fragments.materialize(input); // an aggregate, a join, a top-N: its own pipeline
            calcs.clear();
        }
        Collections.reverse(calcs);
        List<PhysicalStage> prefix = new ArrayList<>();
        Schema current = leaf.schema();
        for (Calc c : calcs) {
            PhysicalCalc calc = StreamPlanner.calc(c.getProgram(), current, c.getRowType(), leaf.updating());
            prefix.add(calc);
            current = calc.outputSchema();
        }
        return new Side(leaf, prefix, current);
    }

    // ------------------------------------------------------------------ joins

    private static Step join(Join join, StreamPlanner.Fragments fragments) {
        if (join instanceof org.apache.calcite.rel.core.AsofJoin asof) return asofJoin(asof, fragments);
        JoinType type = switch (join.getJoinType()) {
            case INNER -> JoinType.INNER;
            case LEFT -> JoinType.LEFT;
            case RIGHT -> JoinType.RIGHT;
            case FULL -> JoinType.FULL;
            default -> throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, join.getJoinType() + " joins (from IN / EXISTS "
                    + "subqueries) are not supported yet; write the subquery as an INNER JOIN");
        };
        LookupTable table = lookupTable(join.getRight(), fragments);
        if (table != null) return lookupJoin(join, type, table, fragments);
        if (lookupTable(join.getLeft(), fragments) != null) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "a table joined with a stream must be on the right: "
                    + "write stream JOIN table (or stream LEFT JOIN table)");
        }
        Side left = side(join.getLeft(), fragments), right = side(join.getRight(), fragments);
        String leftName = left.leaf().node(), rightName = right.leaf().node();
        JoinInfo info = join.analyzeCondition();
        int[] leftKeys = info.leftKeys.toIntArray(), rightKeys = info.rightKeys.toIntArray();
        int leftWidth = left.schema().size();
        checkKeyTypes(left.schema(), leftKeys, right.schema(), rightKeys, leftName, rightName);

        int lt = left.schema().rowtimeIndex(), rt = right.schema().rowtimeIndex();
        Bounds bounds = new Bounds();
        List<RexNode> residual = new ArrayList<>(), timeBounds = new ArrayList<>();
        RexNode columnBound = null; // r.ts <= l.expires: each left row bounds its partners' time itself
        int upperColumn = -1;
        for (RexNode c : info.nonEquiConditions) {
            for (RexNode conjunct : org.apache.calcite.plan.RelOptUtil.conjunctions(c)) {
                int column = lt >= 0 && rt >= 0 ? leftColumnBound(conjunct, left.schema(), leftWidth + rt) : -1;
                if (lt >= 0 && rt >= 0 && bounds.absorb(conjunct, lt, leftWidth + rt)) {
                    timeBounds.add(conjunct);
                } else if (column >= 0 && columnBound == null) {
                    columnBound = conjunct;
                    upperColumn = column;
                } else {
                    residual.add(conjunct);
                }
            }
        }
        if (columnBound != null) {
            if (bounds.lower != null && bounds.upper == null) bounds.upper = Long.MAX_VALUE; // the column bounds it
            else { residual.add(columnBound); upperColumn = -1; }
        }
        for (int i = 0; i < leftKeys.length; i++) {
            if (lt >= 0 && leftKeys[i] == lt && rightKeys[i] == rt) bounds.equal(); // same window end: a window join
        }
        boolean updatingInput = left.leaf().updating() || right.leaf().updating();
        PhysicalJoin.Interval interval = bounds.lower != null && bounds.upper != null
                ? new PhysicalJoin.Interval(bounds.lower, bounds.upper, upperColumn) : null;
        if (interval != null && interval.lower() > interval.upper()) {
            throw new SqlException(ErrorCode.VALIDATION, "the join of " + left.leaf().label() + " and " + right.leaf().label() + " bounds "
                    + "the time difference to an empty range [" + interval.lower() + " ms, " + interval.upper() + " ms]: "
                    + "it can never match");
        }
        if (interval != null && updatingInput) interval = null; // an interval join takes append-only inputs
        if (interval == null) { // one-sided bounds do not bound state: check them per pair
            residual.addAll(timeBounds);
            if (columnBound != null && upperColumn >= 0) residual.add(columnBound);
        }
        if (interval == null && !fragments.inputs.allowsUnboundedState()) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "the join of " + left.leaf().label() + " and " + right.leaf().label() + " has "
                    + "no time bound, so it would keep every row of both inputs forever. Bound it by event time "
                    + "(ON ... AND r.ts BETWEEN l.ts - INTERVAL '1' MINUTE AND l.ts + INTERVAL '1' MINUTE, over the "
                    + "inputs' WATERMARK columns), join windows on their window_end, or accept unbounded state with "
                    + "SET 'state.unbounded' = 'allow'");
        }
        if (!residual.isEmpty() && type != JoinType.INNER) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "an outer join condition may hold only equalities and "
                    + "time bounds for now; move " + residual.get(0) + " into a WHERE over the join or a filter on one "
                    + "input");
        }
        Schema joined = TypeMapping.toSchema(join.getRowType());
        PhysicalJoin op = new PhysicalJoin(left.schema(), right.schema(), leftKeys, rightKeys, type, interval, null, lt, rt,
                joined, condition(left.schema(), leftKeys, right.schema(), rightKeys));
        boolean updating = interval == null && (updatingInput || type != JoinType.INNER);
        // an inner interval join's rows keep the left row's event time (its watermark is held back by the bound, see
        // IntervalJoin.outputWatermark), so it can be windowed or joined again; outer rows may be older than that
        Schema operatorOutput = interval != null && interval.upperColumn() < 0 && type == JoinType.INNER
                ? joined.withRowtime(lt) : joined;
        List<PhysicalStage> suffix = new ArrayList<>();
        if (!residual.isEmpty()) {
            RexBuilder rex = join.getCluster().getRexBuilder();
            RexProgram filter = RexProgram.create(join.getRowType(), identity(rex, join), RexUtil.composeConjunction(rex,
                    residual), join.getRowType(), rex);
            suffix.add(StreamPlanner.calc(filter, operatorOutput, join.getRowType(), updating));
        }
        List<PhysicalInput> inputs = List.of(
                new PhysicalInput(leftName, left.leaf().schema(), left.prefix(), leftKeys),
                new PhysicalInput(rightName, right.leaf().schema(), right.prefix(), rightKeys));
        return new Step(inputs, op, operatorOutput, suffix, updating);
    }

    /**
     * {@code l ASOF JOIN r MATCH_CONDITION(l.ts >= r.ts) ON l.k = r.k}: the match compares the two inputs' event-time
     * columns; {@code >=}/{@code >} look backward, {@code <=}/{@code <} forward. The hint
     * {@code /*+ ASOF_MATCH(tolerance = '5s', mode = 'nearest') *}{@code /} bounds the distance and picks the nearer side.
     */
    private static Step asofJoin(org.apache.calcite.rel.core.AsofJoin join, StreamPlanner.Fragments fragments) {
        JoinType type = join.getJoinType() == org.apache.calcite.rel.core.JoinRelType.LEFT_ASOF ? JoinType.LEFT : JoinType.INNER;
        Side left = side(join.getLeft(), fragments), right = side(join.getRight(), fragments);
        String leftName = left.leaf().node(), rightName = right.leaf().node();
        if (left.leaf().updating() || right.leaf().updating()) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "ASOF JOIN needs append-only inputs; " + (left.leaf().updating()
                    ? left.leaf().label() : right.leaf().label()) + " is an updating stream (+I/-U/+U/-D)");
        }
        JoinInfo info = join.analyzeCondition();
        int[] leftKeys = info.leftKeys.toIntArray(), rightKeys = info.rightKeys.toIntArray();
        checkKeyTypes(left.schema(), leftKeys, right.schema(), rightKeys, leftName, rightName);
        int leftWidth = left.schema().size();
        int lt = left.schema().rowtimeIndex(), rt = right.schema().rowtimeIndex();
        RexCall match = (RexCall) join.getMatchCondition();
        int a = ((RexInputRef) match.getOperands().get(0)).getIndex(), b = ((RexInputRef) match.getOperands().get(1)).getIndex();
        SqlKind kind = match.getKind();
        if (a >= leftWidth) { // written r.ts <= l.ts: read it as l.ts >= r.ts
            int t = a; a = b; b = t;
            kind = kind.reverse();
        }
        if (lt < 0 || rt < 0 || a != lt || b != leftWidth + rt) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "ASOF JOIN of " + leftName + " and " + rightName + " must "
                    + "match on the event-time columns of both inputs (their WATERMARK columns), e.g. MATCH_CONDITION("
                    + (lt >= 0 ? left.schema().field(lt).name() : "l.ts") + " >= " + (rt >= 0 ? right.schema().field(rt).name()
                    : "r.ts") + "); got " + match);
        }
        AsofJoin.Direction direction = kind == SqlKind.GREATER_THAN || kind == SqlKind.GREATER_THAN_OR_EQUAL
                ? AsofJoin.Direction.BACKWARD : AsofJoin.Direction.FORWARD;
        boolean strict = kind == SqlKind.GREATER_THAN || kind == SqlKind.LESS_THAN;
        long tolerance = Long.MAX_VALUE;
        for (org.apache.calcite.rel.hint.RelHint hint : join.getHints()) {
            if (!hint.hintName.equalsIgnoreCase("ASOF_MATCH")) continue;
            for (java.util.Map.Entry<String, String> kv : hint.kvOptions.entrySet()) {
                switch (kv.getKey().toLowerCase(java.util.Locale.ROOT)) {
                    case "tolerance" -> tolerance = io.laminar.checkpoint.Durations.parseMillis(kv.getValue());
                    case "mode" -> {
                        if (kv.getValue().equalsIgnoreCase("nearest")) direction = AsofJoin.Direction.NEAREST;
                        else if (!kv.getValue().equalsIgnoreCase("condition")) {
                            throw new SqlException(ErrorCode.VALIDATION, "ASOF_MATCH hint mode = '" + kv.getValue()
                                    + "': use 'nearest' (the closer of the rows before and after) or 'condition'");
                        }
                    }
                    default -> throw new SqlException(ErrorCode.VALIDATION, "unknown ASOF_MATCH hint option '" + kv.getKey()
                            + "'; the options are tolerance (e.g. '5s') and mode ('nearest')");
                }
            }
        }
        Schema joined = TypeMapping.toSchema(join.getRowType());
        PhysicalJoin op = new PhysicalJoin(left.schema(), right.schema(), leftKeys, rightKeys, type, null,
                new PhysicalJoin.Asof(direction, strict, tolerance), lt, rt, joined,
                condition(left.schema(), leftKeys, right.schema(), rightKeys));
        List<PhysicalInput> inputs = List.of(
                new PhysicalInput(leftName, left.leaf().schema(), left.prefix(), leftKeys),
                new PhysicalInput(rightName, right.leaf().schema(), right.prefix(), rightKeys));
        // a backward match is emitted as soon as the watermark passes the left row, so the row keeps its event time;
        // forward and nearest matches wait longer and would arrive behind the watermark downstream
        Schema out = direction == AsofJoin.Direction.BACKWARD ? joined.withRowtime(lt) : joined;
        return new Step(inputs, op, out, List.of(), false);
    }

    /** {@code s JOIN v FOR SYSTEM_TIME AS OF s.ts}: Calcite's correlate over a snapshot of {@code v}. */
    static boolean isTemporalJoin(RelNode n) {
        if (!(n instanceof org.apache.calcite.rel.core.Correlate c)) return false;
        RelNode r = c.getRight();
        while (r instanceof Calc calc) r = calc.getInput();
        return r instanceof org.apache.calcite.rel.core.Snapshot;
    }

    /**
     * A temporal join: each row of the stream meets the version of the other stream's row (per key) that was valid
     * at the row's event time — the newest version at or before it. That is a backward ASOF join on the keys, so
     * it runs as one ({@link AsofJoin}): decided when the watermark passes the row, older versions dropped behind
     * the watermark. The versioned side is append-only here: each row is a new version of its key.
     */
    private static Step temporalJoin(org.apache.calcite.rel.core.Correlate correlate, StreamPlanner.Fragments fragments) {
        JoinType type = switch (correlate.getJoinType()) {
            case INNER -> JoinType.INNER;
            case LEFT -> JoinType.LEFT;
            default -> throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "a temporal join (FOR SYSTEM_TIME AS OF) is "
                    + "INNER or LEFT");
        };
        List<Calc> above = new ArrayList<>();
        RelNode n = correlate.getRight();
        while (n instanceof Calc c) { above.add(c); n = c.getInput(); }
        org.apache.calcite.rel.core.Snapshot snapshot = (org.apache.calcite.rel.core.Snapshot) n;
        RelNode versions = unwrapCalcs(snapshot.getInput());
        if (!(versions instanceof TableScan scan)) throw unsupportedTemporal("the versioned side must be a source or stream");
        StreamPlanner.Leaf right = fragments.rawLeafOf(scan); // an upsert source's rows as written: its versions
        String rightName = right.node();
        int[] upsertKey = fragments.inputs.upsertKey(rightName);
        LookupTable table = fragments.inputs.lookupTable(rightName);
        if (right.updating()) throw unsupportedTemporal(rightName + " is an updating stream; versions come from an "
                + "upsert source (a SOURCE with a PRIMARY KEY) or an append-only stream (each row a new version of its key)");
        int rt = right.schema().rowtimeIndex();
        if (rt < 0 && table == null) throw unsupportedTemporal(rightName + " has no event time (WATERMARK) to order its versions by");
        // the columns the snapshot's row has, as columns of the versioned stream
        int[] project = projection(snapshot.getInput(), right.schema().size(), rightName);
        Side left = side(correlate.getLeft(), fragments);
        int lt = left.schema().rowtimeIndex();
        if (table == null && (!(snapshot.getPeriod() instanceof org.apache.calcite.rex.RexFieldAccess period)
                || period.getField().getIndex() != lt)) {
            throw unsupportedTemporal("FOR SYSTEM_TIME AS OF must name the event-time (WATERMARK) column of "
                    + left.leaf().node() + (lt >= 0 ? " (" + left.schema().field(lt).name() + ")" : ""));
        }
        // the ON clause arrives as a filter over the snapshot comparing correlated (stream) columns with its columns
        List<Integer> leftKeys = new ArrayList<>(), rightKeys = new ArrayList<>();
        int[] rowOfAbove = null; // the snapshot row's columns as seen above the filters: only projections allowed
        for (int i = above.size() - 1; i >= 0; i--) {
            RexProgram p = above.get(i).getProgram();
            if (p.getCondition() != null) {
                for (RexNode c : org.apache.calcite.plan.RelOptUtil.conjunctions(p.expandLocalRef(p.getCondition()))) {
                    if (!(c instanceof RexCall eq) || eq.getKind() != SqlKind.EQUALS) {
                        throw unsupportedTemporal("its ON clause may only equate columns of the two sides; got " + c);
                    }
                    RexNode a = eq.getOperands().get(0), b = eq.getOperands().get(1);
                    if (a instanceof RexInputRef) { RexNode t = a; a = b; b = t; }
                    if (!(a instanceof org.apache.calcite.rex.RexFieldAccess fa) || !(b instanceof RexInputRef ref)) {
                        throw unsupportedTemporal("its ON clause may only equate columns of the two sides; got " + c);
                    }
                    int col = rowOfAbove == null ? ref.getIndex() : rowOfAbove[ref.getIndex()];
                    leftKeys.add(fa.getField().getIndex());
                    rightKeys.add(project[col]);
                }
            }
            int[] next = new int[p.getProjectList().size()];
            for (int j = 0; j < next.length; j++) {
                if (!(p.expandLocalRef(p.getProjectList().get(j)) instanceof RexInputRef ref)) {
                    throw unsupportedTemporal("expressions over the versioned side are computed after the join");
                }
                next[j] = rowOfAbove == null ? ref.getIndex() : rowOfAbove[ref.getIndex()];
            }
            rowOfAbove = next;
        }
        int[] finalProject = new int[rowOfAbove == null ? project.length : rowOfAbove.length];
        for (int j = 0; j < finalProject.length; j++) finalProject[j] = project[rowOfAbove == null ? j : rowOfAbove[j]];
        int[] lk = leftKeys.stream().mapToInt(Integer::intValue).toArray(), rk = rightKeys.stream().mapToInt(Integer::intValue).toArray();
        if (table != null) { // Flink's spelling of a lookup join (AS OF a processing-time column): the current row
            fragments.lookupTables.add(rightName);
            return lookupStep(left, table, rightName, type, lk, rk, finalProject, List.of(), correlate);
        }
        checkKeyTypes(left.schema(), lk, right.schema(), rk, left.leaf().node(), rightName);
        Tombstones tombstones = null;
        if (upsertKey != null) { // a versioned table: each key's versions, deletes included, must meet in one place
            int[] sortedKey = upsertKey.clone(), sortedOn = rk.clone();
            java.util.Arrays.sort(sortedKey);
            java.util.Arrays.sort(sortedOn);
            if (!java.util.Arrays.equals(sortedKey, sortedOn)) {
                throw unsupportedTemporal("the ON clause must equate the whole PRIMARY KEY of " + rightName + " "
                        + names(right.schema(), upsertKey) + " and nothing else of it (a versioned table is looked up "
                        + "by its key); got " + names(right.schema(), rk));
            }
            tombstones = Tombstones.of(right.schema(), upsertKey);
        }
        // the join emits the stream's columns and all the versioned stream's; a projection keeps what the query sees
        org.apache.calcite.rel.type.RelDataTypeFactory types = correlate.getCluster().getTypeFactory();
        org.apache.calcite.rel.type.RelDataTypeFactory.Builder fields = types.builder()
                .addAll(correlate.getLeft().getRowType().getFieldList());
        for (org.apache.calcite.rel.type.RelDataTypeField f : scan.getRowType().getFieldList()) {
            fields.add(f.getName(), type == JoinType.LEFT ? types.createTypeWithNullability(f.getType(), true) : f.getType());
        }
        org.apache.calcite.rel.type.RelDataType joinedType = fields.uniquify().build();
        Schema joined = TypeMapping.toSchema(joinedType);
        PhysicalJoin op = new PhysicalJoin(left.schema(), right.schema(), lk, rk, type, null,
                new PhysicalJoin.Asof(AsofJoin.Direction.BACKWARD, false, Long.MAX_VALUE, tombstones), lt, rt, joined,
                "temporal, " + condition(left.schema(), lk, right.schema(), rk));
        RexBuilder rex = correlate.getCluster().getRexBuilder();
        int lw = left.schema().size();
        List<RexNode> refs = new ArrayList<>();
        for (int i = 0; i < lw; i++) refs.add(rex.makeInputRef(joinedType.getFieldList().get(i).getType(), i));
        for (int c : finalProject) refs.add(rex.makeInputRef(joinedType.getFieldList().get(lw + c).getType(), lw + c));
        RexProgram shape = RexProgram.create(joinedType, refs, null, correlate.getRowType(), rex);
        List<PhysicalStage> suffix = List.of(StreamPlanner.calc(shape, joined.withRowtime(lt), correlate.getRowType(), false));
        List<PhysicalInput> inputs = List.of(
                new PhysicalInput(left.leaf().node(), left.leaf().schema(), left.prefix(), lk),
                new PhysicalInput(rightName, right.schema(), List.of(), rk));
        return new Step(inputs, op, joined.withRowtime(lt), suffix, false);
    }

    private static SqlException unsupportedTemporal(String why) {
        return new SqlException(ErrorCode.UNSUPPORTED_QUERY, "temporal join (FOR SYSTEM_TIME AS OF): " + why);
    }

    /** The reference table an input reads (through projections only), or null. */
    private static LookupTable lookupTable(RelNode input, StreamPlanner.Fragments fragments) {
        RelNode n = input;
        while (n instanceof Calc c) n = c.getInput();
        if (!(n instanceof TableScan scan)) return null;
        List<String> name = scan.getTable().getQualifiedName();
        return fragments.inputs.lookupTable(name.get(name.size() - 1));
    }

    /**
     * A stream joined with a reference table on the table's whole primary key: a lookup per row, no state. The
     * table side may only select columns (filter the stream instead, or the joined rows in a WHERE).
     */
    private static Step lookupJoin(Join join, JoinType type, LookupTable table, StreamPlanner.Fragments fragments) {
        String tableName = ((TableScan) unwrapCalcs(join.getRight())).getTable().getQualifiedName().stream()
                .reduce((a, b) -> b).orElseThrow();
        int[] project = projection(join.getRight(), table.schema().size(), tableName);
        JoinInfo info = join.analyzeCondition();
        int[] tableKeys = new int[info.rightKeys.size()];
        for (int i = 0; i < tableKeys.length; i++) tableKeys[i] = project[info.rightKeys.get(i)];
        List<RexNode> residual = new ArrayList<>(org.apache.calcite.plan.RelOptUtil.conjunctions(
                RexUtil.composeConjunction(join.getCluster().getRexBuilder(), info.nonEquiConditions)));
        fragments.lookupTables.add(tableName);
        return lookupStep(side(join.getLeft(), fragments), table, tableName, type, info.leftKeys.toIntArray(), tableKeys,
                project, residual, join);
    }

    /**
     * The stateless lookup: the stream's {@code streamKeys} must equal the table's primary key columns
     * {@code tableKeys} (all of them, once each); {@code project} are the table columns the joined row carries.
     */
    private static Step lookupStep(Side left, LookupTable table, String tableName, JoinType type, int[] streamKeys,
                                   int[] tableKeys, int[] project, List<RexNode> residual, RelNode join) {
        if (type != JoinType.INNER && type != JoinType.LEFT) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "a stream can be joined with table " + tableName
                    + " by INNER or LEFT JOIN only (each stream row looks the table up when it arrives)");
        }
        int[] pk = table.keyColumns();
        int[] byKey = new int[pk.length];
        java.util.Arrays.fill(byKey, -1);
        for (int i = 0; i < streamKeys.length && byKey != null; i++) {
            int k = indexOf(pk, tableKeys[i]);
            if (k < 0 || byKey[k] >= 0) byKey = null;
            else byKey[k] = streamKeys[i];
        }
        if (pk.length == 0 || byKey == null || indexOf(byKey, -1) >= 0) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "joining a stream with table " + tableName + " looks "
                    + "rows up by the table's whole PRIMARY KEY" + (pk.length == 0 ? " — it has none; declare one" : " ("
                    + String.join(", ", java.util.Arrays.stream(pk).mapToObj(c -> table.schema().field(c).name()).toList())
                    + "): the ON clause must equate each key column, and only those, with a column of the stream"));
        }
        if (!residual.isEmpty() && type != JoinType.INNER) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "a LEFT JOIN with table " + tableName + " may only "
                    + "equate keys; move " + residual.get(0) + " into a WHERE or a CASE over the joined columns");
        }
        Schema joined = TypeMapping.toSchema(join.getRowType());
        List<PhysicalStage> stages = new ArrayList<>(left.prefix());
        stages.add(table.join(left.schema(), byKey, project, type == JoinType.LEFT, joined, "LookupJoin(" + type
                + ", table " + tableName + " by primary key; the table's rows when each stream row arrives, no state)"));
        boolean updating = left.leaf().updating();
        if (!residual.isEmpty()) {
            RexBuilder rex = join.getCluster().getRexBuilder();
            RexProgram filter = RexProgram.create(join.getRowType(), identity(rex, join), RexUtil.composeConjunction(rex,
                    residual), join.getRowType(), rex);
            stages.add(StreamPlanner.calc(filter, joined, join.getRowType(), updating));
        }
        return new Step(List.of(new PhysicalInput(left.leaf().node(), left.leaf().schema(), stages, null)), null, joined,
                List.of(), updating);
    }

    private static RelNode unwrapCalcs(RelNode n) {
        while (n instanceof Calc c) n = c.getInput();
        return n;
    }

    /** The table columns the table side selects, in order (it may only select columns). */
    private static int[] projection(RelNode side, int width, String table) {
        int[] cols = new int[width];
        for (int i = 0; i < width; i++) cols[i] = i;
        List<Calc> calcs = new ArrayList<>();
        for (RelNode n = side; n instanceof Calc c; n = c.getInput()) calcs.add(c);
        Collections.reverse(calcs);
        for (Calc c : calcs) {
            RexProgram p = c.getProgram();
            if (p.getCondition() != null) {
                throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "a filter on table " + table + " in a join with a "
                        + "stream is not supported yet; filter the joined rows in a WHERE over the join");
            }
            int[] next = new int[p.getProjectList().size()];
            for (int i = 0; i < next.length; i++) {
                if (!(p.expandLocalRef(p.getProjectList().get(i)) instanceof RexInputRef ref)) {
                    throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "expressions over table " + table + " before "
                            + "joining it are not supported yet; compute them over the joined rows");
                }
                next[i] = cols[ref.getIndex()];
            }
            cols = next;
        }
        return cols;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        return -1;
    }

    /**
     * The left column in {@code r.ts <= l.c} (or {@code l.c >= r.ts}), a TIMESTAMP column of the left input that is not
     * its event time — an upper bound each left row carries (Nexmark's {@code B.dateTime <= A.expires}) — or -1.
     */
    private static int leftColumnBound(RexNode conjunct, Schema left, int rightTime) {
        if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2) return -1;
        if (!(call.getOperands().get(0) instanceof RexInputRef a) || !(call.getOperands().get(1) instanceof RexInputRef b)) return -1;
        int column;
        if (call.getKind() == SqlKind.LESS_THAN_OR_EQUAL && a.getIndex() == rightTime) column = b.getIndex();
        else if (call.getKind() == SqlKind.GREATER_THAN_OR_EQUAL && b.getIndex() == rightTime) column = a.getIndex();
        else return -1;
        if (column >= left.size() || column == left.rowtimeIndex()) return -1;
        return left.field(column).type() == ColumnType.TIMESTAMP ? column : -1;
    }

    private static List<RexNode> identity(RexBuilder rex, RelNode rel) {
        List<RexNode> refs = new ArrayList<>();
        for (int i = 0; i < rel.getRowType().getFieldCount(); i++) refs.add(rex.makeInputRef(rel, i));
        return refs;
    }

    /** Equal keys must hash and compare alike on both sides: the same storage per key column. */
    private static void checkKeyTypes(Schema left, int[] lk, Schema right, int[] rk, String l, String r) {
        ColumnType.Storage[] ls = KeyRow.storageOf(left, lk), rs = KeyRow.storageOf(right, rk);
        for (int i = 0; i < lk.length; i++) {
            if (ls[i] != rs[i]) {
                throw new SqlException(ErrorCode.VALIDATION, "join keys " + l + "." + left.field(lk[i]).name() + " ("
                        + left.field(lk[i]).sqlType() + ") and " + r + "." + right.field(rk[i]).name() + " ("
                        + right.field(rk[i]).sqlType() + ") have different types; CAST one to the other's type");
            }
        }
    }

    /** {@code [a, b]}: the names of {@code columns} of {@code schema}, for messages. */
    private static String names(Schema schema, int[] columns) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < columns.length; i++) sb.append(i == 0 ? "" : ", ").append(schema.field(columns[i]).name());
        return sb.append(']').toString();
    }

    private static String condition(Schema left, int[] lk, Schema right, int[] rk) {
        if (lk.length == 0) return "no keys";
        StringBuilder sb = new StringBuilder("keys ");
        for (int i = 0; i < lk.length; i++) {
            if (i > 0) sb.append(" AND ");
            sb.append(left.field(lk[i]).name()).append(" = ").append(right.field(rk[i]).name());
        }
        return sb.toString();
    }

    /**
     * Bounds on {@code right time - left time} collected from the join condition's comparisons of the two event-time
     * columns (each optionally plus or minus an interval literal).
     */
    private static final class Bounds {
        Long lower, upper;

        void equal() {
            lower(0);
            upper(0);
        }

        private void lower(long v) { lower = lower == null ? v : Math.max(lower, v); }
        private void upper(long v) { upper = upper == null ? v : Math.min(upper, v); }

        /** True when {@code conjunct} compares the two time columns and was folded into the bounds. */
        boolean absorb(RexNode conjunct, int leftTime, int rightTime) {
            if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2) return false;
            SqlKind kind = call.getKind();
            if (!Arrays.asList(SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.LESS_THAN,
                    SqlKind.LESS_THAN_OR_EQUAL, SqlKind.EQUALS).contains(kind)) return false;
            long[] a = term(call.getOperands().get(0)), b = term(call.getOperands().get(1));
            if (a == null || b == null) return false;
            long c;
            if (a[0] == rightTime && b[0] == leftTime) { // R + ao OP L + bo  =>  R - L OP bo - ao
                c = b[1] - a[1];
            } else if (a[0] == leftTime && b[0] == rightTime) { // L + ao OP R + bo  =>  R - L OP' ao - bo
                c = a[1] - b[1];
                kind = kind.reverse();
            } else {
                return false;
            }
            switch (kind) {
                case GREATER_THAN_OR_EQUAL -> lower(c);
                case GREATER_THAN -> lower(c + 1);
                case LESS_THAN_OR_EQUAL -> upper(c);
                case LESS_THAN -> upper(c - 1);
                default -> { lower(c); upper(c); }
            }
            return true;
        }

        /** {@code column + offset} as {column, offset ms}, for a column reference optionally +/- an interval literal. */
        private static long[] term(RexNode e) {
            if (e instanceof RexInputRef ref) return new long[] {ref.getIndex(), 0};
            if (!(e instanceof RexCall call) || call.getOperands().size() != 2) return null;
            boolean plus = call.getKind() == SqlKind.PLUS;
            if (!plus && call.getKind() != SqlKind.MINUS) return null;
            RexNode x = call.getOperands().get(0), y = call.getOperands().get(1);
            if (plus && x instanceof RexLiteral && y instanceof RexInputRef) { RexNode t = x; x = y; y = t; }
            if (!(x instanceof RexInputRef ref) || !(y instanceof RexLiteral lit)) return null;
            if (!org.apache.calcite.sql.type.SqlTypeName.INTERVAL_TYPES.contains(lit.getTypeName())
                    && lit.getType().getSqlTypeName().getFamily() != org.apache.calcite.sql.type.SqlTypeFamily.INTERVAL_DAY_TIME) {
                return null;
            }
            Long ms = lit.getValueAs(Long.class);
            if (ms == null) return null;
            return new long[] {ref.getIndex(), plus ? ms : -ms};
        }
    }

    // ------------------------------------------------------------------ UNION ALL

    private static Step union(Union union, StreamPlanner.Fragments fragments) {
        if (!union.all) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, "UNION without ALL (which removes duplicates) is not "
                    + "supported yet; use UNION ALL, or SELECT DISTINCT over it in a second stream");
        }
        List<PhysicalInput> inputs = new ArrayList<>();
        boolean updating = false;
        Schema output = TypeMapping.toSchema(union.getRowType());
        int rowtime = -2;
        for (RelNode in : union.getInputs()) {
            Side s = side(in, fragments);
            inputs.add(new PhysicalInput(s.leaf().node(), s.leaf().schema(), s.prefix(), null));
            updating |= s.leaf().updating();
            rowtime = rowtime == -2 || rowtime == s.schema().rowtimeIndex() ? s.schema().rowtimeIndex() : -1;
        }
        if (rowtime >= 0) output = output.withRowtime(rowtime);
        return new Step(inputs, new PhysicalUnion(output, inputs.size()), output, List.of(), updating);
    }
}
