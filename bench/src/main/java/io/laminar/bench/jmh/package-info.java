/**
 * JMH benchmarks of the core: ring handoff into a core, window assignment, heap state store get/put (the codegen
 * kernel benchmark is {@code io.laminar.codegen.CalcKernelBench}). Every batch benchmark reports per row
 * ({@code @OperationsPerInvocation}), so {@code -prof gc}'s {@code gc.alloc.rate.norm} reads as bytes per row.
 * Run: {@code bin/laminar bench jmh -prof gc} (all) or {@code bin/laminar bench jmh HeapStateStoreBench -prof gc}.
 */
package io.laminar.bench.jmh;
