/**
 * Two-input operators: stream–stream joins — interval ({@link io.laminar.operator.join.IntervalJoin}), regular over
 * changelogs ({@link io.laminar.operator.join.RegularJoin}) and ASOF/temporal ({@link io.laminar.operator.join.AsofJoin}).
 * Each instance runs on the core owning its join keys; both inputs arrive there already routed by key hash, and the
 * watermark it sees is the minimum over both inputs. Rows are held in per-key columnar buffers
 * ({@link io.laminar.operator.join.RowBuffer}), never as boxed objects; eviction is driven by a primitive timer heap
 * so a long-running join holds only the rows that can still match.
 */
package io.laminar.operator.join;
