package io.laminar.plan;

import io.laminar.data.Schema;
import io.laminar.operator.EmitMode;
import java.util.List;

/**
 * The physical form of one pipeline of a continuous query: read each of {@code inputs} (one, or two for a join,
 * or several for a UNION ALL), run that input's stateless prefix where its rows arrive, exchange rows by key to the
 * owning core and run the stateful {@code operator} there, then the stateless {@code suffix}. A plan without an
 * operator has exactly one input and runs entirely where its rows arrive. Immutable; the runtime instantiates it
 * once per core. A query the planner splits into several pipelines is a {@link QueryPlan}.
 *
 * @param lateness   ALLOW LATENESS in ms (0 when absent)
 * @param lateDataTo the stream receiving rows later than that, or null
 */
public record PhysicalPlan(List<PhysicalInput> inputs, PhysicalOperator operator, List<PhysicalStage> suffix,
                           Schema outputSchema, boolean updating, EmitMode emit, long lateness, String lateDataTo,
                           String digest) {

    public PhysicalPlan {
        if (inputs.isEmpty()) throw new IllegalArgumentException("a plan reads at least one input");
        if (operator == null && inputs.size() != 1) throw new IllegalArgumentException("a plan of several inputs needs an operator");
    }

    public boolean isStateful() { return operator != null; }

    /** The node the first (for most plans the only) input reads. */
    public String input() { return inputs.get(0).node(); }

    /** The first input's stateless prefix. */
    public List<PhysicalStage> prefix() { return inputs.get(0).prefix(); }

    /** The plan as indented text, output at the top, each input a branch below the operator (EXPLAIN). */
    public String explain() {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (int i = suffix.size() - 1; i >= 0; i--) line(sb, depth++, suffix.get(i).explain());
        if (operator != null) line(sb, depth++, operator.explain());
        String late = lateness > 0 || lateDataTo != null
                ? " lateness=" + (lateness == Long.MAX_VALUE ? "any" : lateness + "ms") + (lateDataTo != null ? " late-data-to=" + lateDataTo : "") : "";
        for (PhysicalInput in : inputs) {
            int d = depth;
            if (operator != null) {
                line(sb, d++, in.exchangeKeys() == null ? "Local(rows stay on their core)"
                        : "Exchange(hash" + in.keyNames() + " → owning core)");
            }
            for (int i = in.prefix().size() - 1; i >= 0; i--) line(sb, d++, in.prefix().get(i).explain());
            line(sb, d, "Scan(" + in.node() + late + ")");
        }
        sb.append("output: ").append(outputSchema).append(updating ? " (updating: +I/-U/+U/-D)" : " (append-only)");
        return sb.toString();
    }

    private static void line(StringBuilder sb, int depth, String text) {
        sb.append("  ".repeat(depth)).append(text).append('\n');
    }

    /** The generated sources of every compiled stage (EXPLAIN CODE). */
    public String code() {
        StringBuilder sb = new StringBuilder();
        for (PhysicalInput in : inputs) {
            for (PhysicalStage s : in.prefix()) {
                if (s.code() != null) sb.append("// ").append(s.explain()).append('\n').append(s.code()).append('\n');
            }
        }
        for (PhysicalStage s : suffix) if (s.code() != null) sb.append("// ").append(s.explain()).append('\n').append(s.code()).append('\n');
        return sb.toString();
    }
}
