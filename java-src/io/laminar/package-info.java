/**
 * The facade: {@link io.laminar.Laminar} (open, execute, writer, subscribe, query, close), {@link io.laminar.Config}, {@link io.laminar.SourceWriter}, {@link io.laminar.Subscription}, {@link io.laminar.QueryResult}, {@link io.laminar.ResultBatch} and the exception hierarchy ({@link io.laminar.LaminarException} with stable codes from {@link io.laminar.ErrorCode}). Everything here may be called from any thread; the work happens on the engine's own threads.
 */
package io.laminar;
