/**
 * Window definitions ({@link io.laminar.operator.window.WindowSpec}: half-open, epoch-aligned, optional offset) and the window aggregates. State is namespaced by window end so a watermark evicts closed windows in one sweep; sessions merge per key and
 * fire from a queue holding one timer per session, re-queued when it comes due before its (extended) session ends,
 * so rows that only extend a session allocate nothing.
 */
package io.laminar.operator.window;
