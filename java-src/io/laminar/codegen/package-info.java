/**
 * Compiled pipelines: the stateless prefix of a query — filter and project, from a Calcite {@code RexProgram} —
 * turned into one Java class per program and compiled with Janino, so HotSpot sees one small loop it can inline.
 *
 * <p>{@link io.laminar.codegen.CalcCompiler#compile} lowers the program to a small intermediate form
 * ({@code Ir}: strict calls of {@link io.laminar.codegen.Functions} — a few, such as REGEXP_EXTRACT, may also
 * return NULL for non-NULL arguments — AND/OR/CASE/COALESCE, comparisons, null tests), in which every semantic choice is made once — numeric widening, decimal scales, SEARCH expansion, which
 * runtime function — and constant calls are folded (never PROCTIME() or user functions). A literal regex or
 * DATE_FORMAT pattern becomes a static constant of the kernel, compiled once. Two back ends read it: {@code JavaGenerator} writes a kernel
 * whose {@code process} loops over the batch's column arrays (cached in locals), keeps every value in a primitive
 * local with a {@code boolean} null flag, grows the output once per batch and allocates nothing for numeric,
 * boolean and temporal expressions; the {@code Interpreter} walks the same IR per row with boxed values. Both call
 * the same {@link io.laminar.codegen.Functions}, evaluate branches lazily and common subexpressions at most once,
 * so they agree on every row — the differential tests check exactly that.
 *
 * <p>Programs are cached by digest (expressions with their types + input and output schemas) in a bounded
 * concurrent cache; each generated class has its own class loader, collected when the program leaves the cache
 * and its kernels are gone. A program Janino rejects runs interpreted, and
 * {@link io.laminar.codegen.CalcProgram#fallbackReason()} says why ({@code EXPLAIN} shows it); an expression the
 * lowering does not know is a {@link io.laminar.SqlException} with {@code UNSUPPORTED_QUERY} naming it.
 *
 * <p>Threading: compiling happens on the control plane; a {@link io.laminar.codegen.CalcKernel} belongs to one
 * core thread. Runtime errors (integer or decimal division by zero, a cast that does not fit) throw
 * {@link io.laminar.LaminarException} with {@code BAD_ROW}; DOUBLE division follows IEEE (Infinity, NaN).
 * Integer arithmetic runs in 64 bits whatever the SQL width (an INTEGER sum may exceed 2^31 without wrapping);
 * CAST to a narrower integer type checks the range. DECIMAL results are rounded HALF_UP to the scale of Calcite's
 * result type.
 *
 * <p>DECIMAL +, -, * and comparisons whose operands are literals, integers or other such expressions run on scaled
 * longs ({@link io.laminar.codegen.ScaledDecimal}: unscaled value and scale, the same HALF_UP results), so
 * {@code 0.908 * price > 1000000} allocates nothing; a result past a long's range falls back to BigDecimal for that
 * row. A DECIMAL column of known scale is itself held as scaled longs ({@code ColumnType.Storage.SCALED_DECIMAL}):
 * reading it yields the unscaled long (a spilled cell reads as the overflow sentinel, so it takes the BigDecimal
 * fallback, which then reads the spill), and a result stored into one is the scaled long — a BigDecimal only when it
 * does not fit ({@code Batch.storeDecimal}) — so {@code SELECT 0.908 * price} makes none. EXPLAIN CODE shows the
 * {@code Functions.dec*} calls.
 *
 * <p>Strings: a literal REGEXP_EXTRACT regex is a {@link io.laminar.codegen.LiteralRegex} — rows without the literal
 * every match needs ({@code channel_id=} in Nexmark q21) skip the regex, and the search starts at most the
 * pattern's bounded lead before that literal; every literal regex (REGEXP_EXTRACT/REPLACE, LIKE, SIMILAR TO) runs on
 * one {@link java.util.regex.Matcher} per kernel, reset per row. {@code LOWER(x) = 'lit'} / {@code UPPER(x)} (and
 * IN lists of them) compare without building the folded string (ASCII fast path, full Unicode folding otherwise);
 * string {@code =} is {@code equals}. SPLIT_INDEX calls with one separator share a per-kernel
 * {@code Functions.SplitCursor}, so several pieces of one value (q22) cost one scan and one substring each, and the
 * cursor remembers the pieces of recently split values (a direct-mapped table by hash, dropped while values do not
 * repeat): a url seen before costs a hash and two array loads, not a scan and three new strings.
 */
package io.laminar.codegen;
