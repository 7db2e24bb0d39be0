/**
 * User-defined functions: scalar functions and aggregates written in Clojure (or Java), callable from SQL and from
 * the Clojure data-DSL.
 *
 * <p>{@link io.laminar.function.FunctionRegistry} is JVM-wide, like JDBC drivers: a function registered once is
 * known to every database in the process, by a case-insensitive SQL name, with a declared signature (argument and
 * result {@link io.laminar.data.ColumnType}s). {@link io.laminar.function.FunctionTable} shows the registry to
 * Calcite's validator as an operator table, so {@code SELECT score(price) FROM bids} type-checks like a built-in.
 *
 * <p>Calling convention. Each scalar function owns a <em>slot</em>, a fixed index into a copy-on-write array of
 * handles. Compiled kernels call {@link io.laminar.function.Calls#invoke1 Calls.invokeN(args..., slot)} directly
 * (a static call, no reflection, no lock: one volatile array read); the slot survives re-registration of the same
 * name with the same signature, so redefining a function at the REPL reaches running queries. Arguments and results
 * cross as Java values (Long, Double, Boolean, String, BigDecimal, Instant for TIMESTAMP), which boxes: a user
 * function costs an allocation or two per call, unlike built-ins. Functions are strict — a NULL argument gives
 * NULL without calling the function — and must return a value of the declared type for non-NULL arguments.
 *
 * <p>Aggregates are four functions: {@code init} (the empty accumulator), {@code step} (accumulator, value →
 * accumulator), {@code merge} (accumulator, accumulator → accumulator; used when session windows merge) and
 * {@code result} (accumulator → value). The aggregate operator keeps the accumulator as an object slot of the
 * group's state; NULL inputs are skipped.
 *
 * <p>Table functions ({@link io.laminar.function.TableFunction}) return the rows one call expands to; Calcite sees
 * them as {@code SqlTableFunction}s, so {@code CROSS JOIN LATERAL TABLE(f(x))} and {@code LEFT JOIN LATERAL
 * TABLE(f(x)) ON TRUE} plan to a Correlate that {@link io.laminar.function.TableFunctionStage} runs as a stateless
 * stage. A query captures the function when it is planned (re-registering affects later queries).
 *
 * <p>Threading: registration happens on the control plane (synchronized); calls happen on core threads and must not
 * block. A function that throws fails the row with {@code LDB-6104}.
 */
package io.laminar.function;
