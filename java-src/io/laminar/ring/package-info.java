/**
 * Ring 0 threading: {@link io.laminar.ring.Core} agents (one thread each, owning a hash range of keys), their JCTools rings (bounded MPSC ingress that blocks producers when full; unbounded MPSC exchange between cores so mutual routing cannot deadlock), the {@link io.laminar.ring.IdleStrategy} (spin, yield, then park), the {@link io.laminar.ring.Doze} an idle thread sleeps in until a producer wakes it, and {@link io.laminar.ring.AgentRunner}. Work arrives as {@link io.laminar.ring.Message}s that carry their own action; nothing here locks.
 */
package io.laminar.ring;
