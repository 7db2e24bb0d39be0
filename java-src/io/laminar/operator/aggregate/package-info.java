/**
 * Aggregate functions over unboxed accumulator slots ({@link io.laminar.operator.aggregate.AggState}), the output
 * layout of an aggregate, and the unbounded GROUP BY operator with its row-by-row changelog.
 *
 * <p>Over an updating input the {@link io.laminar.operator.aggregate.Aggregators} are built <em>retracting</em>:
 * every function can take a -U/-D row back out — COUNT and SUM subtract; MIN/MAX keep a sorted multiset (primitive
 * {@code LongMultiset} for numbers, timestamps and doubles, a sorted map for strings and decimals); COUNT(DISTINCT)
 * keeps a count per value, unboxed in a {@code LongLongHashMap} for numbers; FIRST_VALUE/LAST_VALUE keep values in
 * arrival order — and long slot 0 counts the group's rows, so a group emptied by retractions is deleted. OVER windows reuse the same retracting functions for their
 * bounded frames. {@link io.laminar.operator.aggregate.ProcessingTimeWindows} drives a window aggregate by the
 * clock for PROCTIME() windows. Over an append-only input, the COUNT(DISTINCT) calls over one numeric column share
 * one primitive map per group from value to a bitmask of the calls (FILTERs) that saw it — one probe per row for all
 * of them. Functions whose state is a structure of their own write it themselves in checkpoints
 * ({@code writeObjects}); all others keep the tagged-value format of earlier checkpoints.
 *
 * <p>GROUP BY over many groups is bound by cache misses (the group's key, its state, each distinct set's slot), so
 * {@link io.laminar.operator.aggregate.GroupAggregate} can <em>warm</em> a run of rows first — read ahead, in short
 * loops whose misses overlap, what folding them will read — and {@link io.laminar.operator.aggregate.WarmingChoice}
 * times batches with and without it to keep whichever is faster on the operator's data.
 */
package io.laminar.operator.aggregate;
