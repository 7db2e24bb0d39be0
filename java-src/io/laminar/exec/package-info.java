/**
 * The data plane at run time: nodes (sources and streams), deployed pipelines with one instance per core, source
 * ingest ({@link io.laminar.exec.SourceRuntime}: per-row watermarks, late data, adaptive batching), key exchange
 * between cores, and Ring 1's {@link io.laminar.exec.Delivery} agent feeding subscriptions, sinks and materialized
 * views off the cores. A pipeline instance is touched only by its core; watermarks are tracked per input channel
 * (input side × producing core) and an operator sees their minimum. A node hands its rows to each
 * {@link io.laminar.exec.Pipeline.Port} reading it, so a join of a stream with itself reads one node on two sides.
 *
 * <p>Checkpoint barriers: a source injects one between two rows (its producer thread, or the coordinator when none
 * runs) and records its {@link io.laminar.exec.SourceRuntime.Position}; the barrier travels behind the rows. A
 * stateless pipeline passes it on; a stateful one broadcasts it through the exchange, and each instance holds back
 * input from a channel (input side and producing core) that already delivered it until every channel has — then it serialises
 * its state for the {@link io.laminar.exec.BarrierListener}, passes the barrier on and replays what it held. The
 * delivery agent aligns the same way per node before calling {@code onBarrier} on sinks and views. A node passes
 * each epoch on once per core, so late-data nodes fed by several pipelines see one barrier.
 *
 * <p>No allocation per event in steady state: a source keeps a pool of batches with their ring messages, which
 * circulate between its producer and its home core; batches copied for Ring 1 circulate per node and core the same
 * way when every consumer releases them. An empty pool is backpressure, but bounded: after a short wait (2 ms) the
 * producer makes another batch (dropped when it comes back to a full pool), so nothing waits forever on a consumer
 * that may itself be writing into a source
 * ({@link io.laminar.exec.Delivery.Consumer#releasesBatches()}: sinks and columnar subscriptions). A consumer that
 * asks for {@link io.laminar.exec.Delivery.Consumer#onProducingCore()} on a node produced by one core is called on
 * that core with the core's own batch — no copy, no hop — and, with inline execution off, keeps idle cores yielding
 * rather than parking.
 */
package io.laminar.exec;
