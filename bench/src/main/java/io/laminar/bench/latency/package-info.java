/**
 * The latency harness: fixed offered load, latency from each event's intended send time to the subscriber's
 * callback (no coordinated omission), HdrHistogram percentiles. See {@link io.laminar.bench.latency.LatencyBench}.
 */
package io.laminar.bench.latency;
