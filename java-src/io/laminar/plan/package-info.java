/**
 * The streaming planner: a normalised Calcite plan becomes a {@link io.laminar.plan.PhysicalPlan} — a compiled stateless prefix (Calc, window assigner), an exchange by key, one stateful aggregate (group, window or session, with window assignment fused in), and a stateless suffix. {@link io.laminar.plan.StreamPlanner} refuses shapes it cannot run with errors naming the construct; EXPLAIN prints the physical plan and EXPLAIN CODE the generated sources.
 */
package io.laminar.plan;
