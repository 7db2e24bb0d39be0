package io.laminar.plan;

import io.laminar.data.Schema;
import java.util.List;

/**
 * One input of a {@link PhysicalPlan}: the node it reads, the stateless stages run where that node's rows arrive,
 * and the columns (of the prefix output) to route by to the core owning the key — null when rows stay on the core
 * they arrived on (stateless plans, and a UNION ALL's pass-through).
 *
 * @param inputSchema the schema of {@code node}'s rows
 */
public record PhysicalInput(String node, Schema inputSchema, List<PhysicalStage> prefix, int[] exchangeKeys) {

    /** The schema rows have when they reach the exchange (after the prefix). */
    public Schema routedSchema() {
        return prefix.isEmpty() ? inputSchema : prefix.get(prefix.size() - 1).outputSchema();
    }

    String keyNames() {
        if (exchangeKeys == null) return "[]";
        Schema s = routedSchema();
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < exchangeKeys.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(s.field(exchangeKeys[i]).name());
        }
        return sb.append(']').toString();
    }
}
