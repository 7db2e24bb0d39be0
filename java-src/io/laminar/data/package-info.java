/**
 * The data model shared by every layer: SQL column types and their unboxed storage ({@link io.laminar.data.ColumnType}; a DECIMAL of known scale as scaled longs with a BigDecimal spill, {@link io.laminar.data.Field#storage()}), schemas, and {@link io.laminar.data.Batch} — the columnar micro-batch that moves between rings. A batch is owned by one thread at a time and handed over through a ring, whose release/acquire ordering publishes its contents. {@link io.laminar.data.Values} converts user values; {@link io.laminar.data.ArrowBatches} is the Arrow boundary.
 */
package io.laminar.data;
