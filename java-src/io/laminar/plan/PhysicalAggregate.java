package io.laminar.plan;

import io.laminar.data.Schema;
import io.laminar.operator.EmitMode;
import io.laminar.operator.StreamOperator;
import io.laminar.operator.aggregate.AggregateLayout;
import io.laminar.operator.aggregate.Aggregators;
import io.laminar.operator.aggregate.GroupAggregate;
import io.laminar.operator.aggregate.ProcessingTimeWindows;
import io.laminar.operator.window.SessionWindowAggregate;
import io.laminar.operator.window.WindowAggregate;
import io.laminar.operator.window.WindowSpec;
import java.util.List;

/**
 * The stateful step of a plan: an unbounded GROUP BY (window == null) or a window aggregate with assignment fused
 * in. Rows reach it after an exchange on {@code layout.keyColumns()}. {@code retracting}: the input is an updating
 * stream, so the (unwindowed) aggregate takes -U/-D rows back out of their groups. {@code processingTime}: the
 * window's time column is {@code PROCTIME()}, so windows are fired by the clock ({@link ProcessingTimeWindows}).
 */
public record PhysicalAggregate(AggregateLayout layout, List<Aggregators.AggCallSpec> calls, WindowSpec window,
                                int timeColumn, EmitMode emit, long lateness, long everyMillis, boolean retracting,
                                boolean processingTime)
        implements PhysicalOperator {
    /** An event-time aggregate over an append-only input. */
    public PhysicalAggregate(AggregateLayout layout, List<Aggregators.AggCallSpec> calls, WindowSpec window,
                             int timeColumn, EmitMode emit, long lateness, long everyMillis) {
        this(layout, calls, window, timeColumn, emit, lateness, everyMillis, false, false);
    }

    /** How often processing-time windows look at the clock: a tenth of the window, between 10 and 100 ms. */
    static final long MAX_TICK_MILLIS = 100;

    /**
     * True when column {@code column} of {@code windowInput} (the window function's input) is computed by
     * {@code PROCTIME()} in this query: the window is then a processing-time window.
     */
    public static boolean isProcessingTime(org.apache.calcite.rel.RelNode windowInput, int column) {
        if (!(windowInput instanceof org.apache.calcite.rel.core.Calc c)) return false;
        org.apache.calcite.rex.RexProgram p = c.getProgram();
        org.apache.calcite.rex.RexNode e = p.expandLocalRef(p.getProjectList().get(column));
        while (e instanceof org.apache.calcite.rex.RexCall call && call.getKind() == org.apache.calcite.sql.SqlKind.CAST) {
            e = call.getOperands().get(0);
        }
        return e instanceof org.apache.calcite.rex.RexCall call && call.getOperator().getName().equalsIgnoreCase("PROCTIME");
    }

    public PhysicalAggregate {
        if (processingTime && window == null) throw new IllegalArgumentException("processing time needs a window");
        if (retracting && window != null) {
            throw new IllegalArgumentException("a window aggregate over an updating input is not supported");
        }
        new Aggregators(calls, layout.input(), retracting); // fails at plan time on a call that cannot run here
    }

    /** An instance whose state lives in {@code backend}, under {@code name} (unique per operator instance). */
    @Override public StreamOperator instantiate(io.laminar.state.StateBackend backend, String name) {
        Aggregators aggs = new Aggregators(calls, layout.input(), retracting);
        if (window == null) {
            return new GroupAggregate(layout, aggs, GroupAggregate.newStore(backend, name, layout, aggs), emit, everyMillis);
        }
        StreamOperator windows = window.kind() == WindowSpec.Kind.SESSION
                ? new SessionWindowAggregate(layout, aggs, window.size(), timeColumn, lateness, emit, everyMillis, backend, name)
                : WindowAggregate.create(layout, aggs, window, timeColumn, lateness, emit, everyMillis, backend, name);
        if (!processingTime) return windows;
        long tick = Math.max(10, Math.min(MAX_TICK_MILLIS, window.size() / 10));
        return new ProcessingTimeWindows(windows, timeColumn, tick, System::currentTimeMillis);
    }

    @Override public Schema outputSchema() { return layout.output(); }

    @Override public String explain() {
        StringBuilder sb = new StringBuilder(window == null ? "GroupAggregate(" : "WindowAggregate(");
        if (window != null) sb.append(window.sql(layout.input().field(timeColumn).name())).append(", ");
        sb.append("keys=").append(keyNames()).append(", aggs=[");
        for (int i = 0; i < calls.size(); i++) {
            Aggregators.AggCallSpec c = calls.get(i);
            if (i > 0) sb.append(", ");
            sb.append(c.function()).append('(').append(c.distinct() ? "DISTINCT " : "")
                    .append(c.argColumn() < 0 ? "*" : layout.input().field(c.argColumn()).name()).append(')');
            if (c.filterColumn() >= 0) sb.append(" FILTER ").append(layout.input().field(c.filterColumn()).name());
        }
        sb.append("], ").append(emit.sql());
        if (retracting) sb.append(", retracting input");
        if (processingTime) sb.append(", processing time: fired by the clock, not reproducible");
        if (lateness > 0) sb.append(", lateness=").append(lateness).append("ms");
        sb.append(", state=").append(window == null ? "grows with distinct keys" : "evicted when windows close");
        return sb.append(')').toString();
    }

    private List<String> keyNames() {
        return java.util.Arrays.stream(layout.keyColumns()).mapToObj(c -> layout.input().field(c).name()).toList();
    }
}
