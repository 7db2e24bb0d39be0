/**
 * Window definitions ({@link io.laminar.operator.window.WindowSpec}: half-open, epoch-aligned, optional offset) and the window aggregates. State is namespaced by window end so a watermark evicts closed windows in one sweep; sessions merge per key and
 * fire from a queue holding one timer per session, re-queued when it comes due before its (extended) session ends,
 * so rows that only extend a session allocate nothing. HOP windows that fire once (ON WINDOW CLOSE, FINAL) keep state per
 * pane (one slide) instead, so a row is folded once rather than into each of its {@code size / slide} windows
 * ({@link io.laminar.operator.window.HopPaneAggregate}; {@link io.laminar.operator.window.WindowAggregate#create}
 * picks it where its results are exactly equal).
 */
package io.laminar.operator.window;
