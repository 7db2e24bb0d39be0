/**
 * The streaming planner: a normalised Calcite plan becomes a {@link io.laminar.plan.PhysicalPlan} — a compiled stateless prefix (Calc, window assigner, lateral table-function expansion), an exchange by key, one stateful operator (a group, window or session aggregate with window assignment fused in — over a changelog the group aggregate retracts; a top-N; an OVER window planned by {@link io.laminar.plan.OverPlanner}), and a stateless suffix. {@link io.laminar.plan.StreamPlanner} refuses shapes it cannot run with errors naming the construct; EXPLAIN prints the physical plan and EXPLAIN CODE the generated sources.
 */
package io.laminar.plan;
