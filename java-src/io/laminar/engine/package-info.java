/**
 * The control plane (Ring 2): {@link io.laminar.engine.Database} holds the catalog and executes statements one at a time — DDL, INSERT, SHOW, DESCRIBE, EXPLAIN, DROP CASCADE, ad-hoc queries over materialized views and tables (Calcite's interpreter over snapshots) — and starts connector sources once they have readers.
 */
package io.laminar.engine;
