/**
 * Stateful operators behind {@link io.laminar.operator.StreamOperator}: each instance belongs to one core, folds batches into state and fires on watermarks or processing-time ticks according to its {@link io.laminar.operator.EmitMode}. Sub-packages by concern: {@code aggregate} (accumulators and the unbounded GROUP BY), {@code window} (TUMBLE/HOP/CUMULATE and SESSION aggregation).
 */
package io.laminar.operator;
