/**
 * The Nexmark harness. {@link io.laminar.bench.nexmark.NexmarkBench} runs every (query, engine) pair in a JVM of
 * its own ({@link io.laminar.bench.nexmark.EngineProcess}) so that one engine's class path, JIT profile and heap
 * never colour another's figures; each pair warms up on a small run, then measures wall time and process CPU time
 * over the full run, generation included. All engines get their events from Laminar's deterministic
 * {@code NexmarkGenerator} (a pure function of the event number), and every output row goes through a
 * {@link io.laminar.bench.nexmark.ResultDigest}: an order-independent multiset fingerprint in which retractions
 * cancel insertions, so append-only results and changelogs compare by their final state. Query texts live in
 * {@code resources/nexmark/<engine>/}, one file per query; a file with a {@code -- not-run:} line records why an
 * engine has no text for a query.
 */
package io.laminar.bench.nexmark;
