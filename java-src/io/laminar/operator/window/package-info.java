/**
 * Window definitions ({@link io.laminar.operator.window.WindowSpec}: half-open, epoch-aligned, optional offset) and the window aggregates. State is namespaced by window end so a watermark evicts closed windows in one sweep; sessions merge per key and fire from a queue of session ends.
 */
package io.laminar.operator.window;
