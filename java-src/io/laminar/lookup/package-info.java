/**
 * Lookup tables: {@code CREATE LOOKUP TABLE t (..., PRIMARY KEY (k)) WITH ('connector' = 'postgres', ...)} — rows that
 * live in an external system, fetched by primary key when a stream row is joined with them. An
 * {@link io.laminar.lookup.ExternalLookupTable} puts one of three caches in front of its
 * {@link io.laminar.lookup.LookupSource}: {@code full} (every row loaded up front, reloaded on an interval),
 * {@code partial} (a bounded LRU per core plus a {@link io.laminar.lookup.KeyFilter} that answers misses without a
 * fetch) and {@code none} (a fetch per row). Rows are held in Calcite's internal representation, as reference
 * tables hold them.
 */
package io.laminar.lookup;
