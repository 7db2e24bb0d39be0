/**
 * Ranking operators: top-N per partition ({@code ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...) <= N}) and its
 * special case deduplication ({@code = 1}). Each partition keeps only its current top N rows, sorted, in a small
 * columnar buffer; the output is a changelog of rows entering and leaving the top N (and, when the rank number is
 * selected, of rows whose rank changed).
 */
package io.laminar.operator.rank;
