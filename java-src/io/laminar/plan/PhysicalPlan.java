package io.laminar.plan;

import io.laminar.data.Schema;
import io.laminar.operator.EmitMode;
import java.util.List;

/**
 * The physical form of one continuous query: read {@code input}, run the stateless {@code prefix} where the input
 * arrives, optionally exchange rows by key to the owning core and run the stateful {@code operator} there, then the
 * stateless {@code suffix}. Immutable; the runtime instantiates it once per core.
 *
 * @param exchangeKeys columns (of the prefix output) to route by; null when the query is stateless
 * @param lateness     ALLOW LATENESS in ms (0 when absent)
 * @param lateDataTo   the stream receiving rows later than that, or null
 */
public record PhysicalPlan(String input, List<PhysicalStage> prefix, int[] exchangeKeys, PhysicalOperator operator,
                           List<PhysicalStage> suffix, Schema outputSchema, boolean updating, EmitMode emit,
                           long lateness, String lateDataTo, String digest) {

    public boolean isStateful() { return operator != null; }

    /** The plan as indented text, output at the top (EXPLAIN). */
    public String explain() {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (int i = suffix.size() - 1; i >= 0; i--) line(sb, depth++, suffix.get(i).explain());
        if (operator != null) {
            line(sb, depth++, operator.explain());
            line(sb, depth++, "Exchange(hash" + keyNames() + " → owning core)");
        }
        for (int i = prefix.size() - 1; i >= 0; i--) line(sb, depth++, prefix.get(i).explain());
        String late = lateness > 0 || lateDataTo != null
                ? " lateness=" + lateness + "ms" + (lateDataTo != null ? " late-data-to=" + lateDataTo : "") : "";
        line(sb, depth, "Scan(" + input + late + ")");
        sb.append("output: ").append(outputSchema).append(updating ? " (updating: +I/-U/+U/-D)" : " (append-only)");
        return sb.toString();
    }

    private String keyNames() {
        Schema s = prefix.isEmpty() ? null : prefix.get(prefix.size() - 1).outputSchema();
        if (exchangeKeys == null) return "[]";
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < exchangeKeys.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(s != null ? s.field(exchangeKeys[i]).name() : "$" + exchangeKeys[i]);
        }
        return sb.append(']').toString();
    }

    private static void line(StringBuilder sb, int depth, String text) {
        sb.append("  ".repeat(depth)).append(text).append('\n');
    }

    /** The generated sources of every compiled stage (EXPLAIN CODE). */
    public String code() {
        StringBuilder sb = new StringBuilder();
        for (PhysicalStage s : prefix) if (s.code() != null) sb.append("// ").append(s.explain()).append('\n').append(s.code()).append('\n');
        for (PhysicalStage s : suffix) if (s.code() != null) sb.append("// ").append(s.explain()).append('\n').append(s.code()).append('\n');
        return sb.length() == 0 ? "-- no generated code: this query has no filter or projection to compile\n" : sb.toString();
    }
}
