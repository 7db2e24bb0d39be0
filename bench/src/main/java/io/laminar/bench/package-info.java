/**
 * The benchmark build, kept apart from the library (its own Maven project under {@code bench/}, never on Laminar's
 * class path, never run by {@code mvn verify}). {@link io.laminar.bench.BenchMain} dispatches
 * {@code bin/laminar bench nexmark|latency|jmh}; {@code nexmark} compares Laminar with Apache Flink and Esper on
 * identical generated events, {@code latency} measures insert-to-callback latency against intended send times,
 * and {@code jmh} runs the micro-benchmarks of the core in {@code io.laminar.bench.jmh} (plus
 * {@code io.laminar.codegen.CalcKernelBench}, which sits in the codegen package to reach its test hooks).
 */
package io.laminar.bench;
