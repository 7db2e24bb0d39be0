/**
 * OVER windows with Flink's streaming semantics: {@code f(...) OVER (PARTITION BY p ORDER BY ts frame)} where
 * {@code ts} is an event-time column. {@link io.laminar.operator.over.OverWindow} holds each arriving row until the
 * watermark passes its time, then processes the rows of each partition in time order (ties in arrival order) and
 * appends one output row per input row: the input columns followed by one value per call. Output is append-only
 * and deterministic — it depends on the rows and the watermark, never on batching or cores.
 *
 * <p>Per partition the operator keeps a short history of the latest rows in a {@link io.laminar.operator.over.RowRing}
 * (as many as LAG/LEAD offsets and bounded frames need) and, per frame, the accumulators of the
 * {@link io.laminar.operator.aggregate.Aggregators} GROUP BY uses: a bounded frame ({@code ROWS n PRECEDING},
 * {@code RANGE INTERVAL ... PRECEDING}) adds the row entering and retracts the rows leaving, so MIN/MAX use the same
 * retractable multisets as aggregation over a changelog. Rows with the same time are peers: a RANGE frame, RANK and
 * DENSE_RANK see them all at once; ROWS frames and ROW_NUMBER take them one by one in arrival order. LEAD needs
 * later rows, so a row with a LEAD waits until its partition has that many more rows (or the input ends).
 *
 * <p>Single-threaded: each instance is owned by the core its partitions are routed to.
 */
package io.laminar.operator.over;
