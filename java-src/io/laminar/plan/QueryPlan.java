package io.laminar.plan;

import java.util.List;

/**
 * A continuous query as the runtime deploys it: one or more pipelines in dependency order. The planner cuts a
 * query where one stateful operator feeds another (an aggregate over a join, a top-N over an aggregate): the lower
 * part becomes a pipeline of its own whose output is an internal node named {@code <query>$<n>}, read by the next.
 * The last fragment is the query itself. {@code tables} are the reference tables its lookup joins read (not inputs
 * of any pipeline, but the query depends on them).
 */
public record QueryPlan(List<Fragment> fragments, List<String> tables) {
    /** One pipeline: the node name it produces and its plan. */
    public record Fragment(String name, PhysicalPlan plan) {}

    public PhysicalPlan last() { return fragments.get(fragments.size() - 1).plan(); }

    /** Every fragment's EXPLAIN text, the query itself first. */
    public String explain() {
        if (fragments.size() == 1) return last().explain();
        StringBuilder sb = new StringBuilder();
        for (int i = fragments.size() - 1; i >= 0; i--) {
            Fragment f = fragments.get(i);
            sb.append(i == fragments.size() - 1 ? "" : "\n").append("-- pipeline ").append(f.name()).append('\n');
            sb.append(f.plan().explain()).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /** The generated kernels of every fragment (EXPLAIN CODE). */
    public String code() {
        StringBuilder sb = new StringBuilder();
        for (Fragment f : fragments) sb.append(f.plan().code());
        return sb.length() == 0 ? "-- no generated code: this query has no filter or projection to compile\n" : sb.toString();
    }
}
