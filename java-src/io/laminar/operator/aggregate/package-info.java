/**
 * Aggregate functions over unboxed accumulator slots ({@link io.laminar.operator.aggregate.AggState}), the output layout of an aggregate, and the unbounded GROUP BY operator with its row-by-row changelog.
 */
package io.laminar.operator.aggregate;
