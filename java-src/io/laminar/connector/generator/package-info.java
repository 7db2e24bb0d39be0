/**
 * GENERATOR: deterministic synthetic data — the Nexmark online-auction stream (persons, auctions, bids) used by
 * Flink, RisingWave, Arroyo and Beam to compare streaming engines.
 *
 * <p>{@link io.laminar.connector.generator.NexmarkGenerator} is a pure function from
 * ({@link io.laminar.connector.generator.NexmarkConfig}, event number) to an event: the kind is
 * {@code n % 50} (0 person, 1–3 auction, else bid), the event time is derived from {@code n}, and every random
 * field is drawn from a counter-based stream positioned on (seed, n, field). Nothing depends on the wall clock,
 * on what was generated before, or on which fields a source asks for, so a source that reads only bids skips the
 * other events for the cost of a modulo, the benchmark harness can regenerate any event to check a result, and
 * the same config gives byte-identical streams in every run, on every JVM. Distributions, id rules, hot-key
 * skew, channels, urls and padding sizes follow the community (nexmark/nexmark) generator; the values themselves
 * differ because its randomness does not (it uses {@code java.util.Random} and an unseeded source for urls).
 * By default bidder ids reproduce its known quirk of adding the first person id twice.
 *
 * <p>The hot path writes an event's fields straight into a {@link io.laminar.data.Batch} row through a column
 * map ({@link io.laminar.connector.generator.NexmarkTable#bind}): no per-event objects except the strings
 * themselves, and channel names and urls are interned per generator. A generator is single-threaded;
 * {@link io.laminar.connector.generator.NexmarkEvent} is the value view for tests and tools.
 *
 * <p>{@link io.laminar.connector.generator.GeneratorConnector} turns a {@code CREATE SOURCE ... FROM GENERATOR
 * (kind = 'nexmark', table = 'bid', ...)} into a source that emits one table, bounded by {@code events} and
 * optionally paced to a wall-clock {@code rate} scheduled by event number (no drift).
 */
package io.laminar.connector.generator;
