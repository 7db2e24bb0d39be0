/**
 * The streaming planner: a normalised Calcite plan becomes a {@link io.laminar.plan.QueryPlan} — one or more
 * {@link io.laminar.plan.PhysicalPlan pipelines}. Each pipeline reads one or more inputs, runs a compiled stateless
 * prefix per input (Calc, window assigner, lateral table-function expansion, a lookup into a reference table), an
 * exchange by key, at most one stateful operator (a group, window or session aggregate with window assignment fused
 * in — over a changelog the group aggregate retracts; a top-N; an OVER window planned by
 * {@link io.laminar.plan.OverPlanner}; a join or UNION ALL planned by {@link io.laminar.plan.JoinPlanner}), and a
 * stateless suffix. Where one stateful step feeds another, {@link io.laminar.plan.StreamPlanner} cuts the query and
 * the lower part becomes a pipeline of its own, connected through an internal node. Shapes it cannot run are refused
 * with errors naming the construct; EXPLAIN prints every pipeline, EXPLAIN CODE the generated sources.
 */
package io.laminar.plan;
