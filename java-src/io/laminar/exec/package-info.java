/**
 * The data plane at run time: nodes (sources and streams), deployed pipelines with one instance per core, source ingest ({@link io.laminar.exec.SourceRuntime}: per-row watermarks, late data, adaptive batching), key exchange between cores, and Ring 1's {@link io.laminar.exec.Delivery} agent feeding subscriptions, sinks and materialized views off the cores. A pipeline instance is touched only by its core; watermarks are tracked per producing core and an operator sees their minimum.
 */
package io.laminar.exec;
