/**
 * Row formats: text records (JSON lines, CSV) decoded into a {@link io.laminar.data.Batch} row, and batch rows
 * encoded back into text.
 *
 * <p>{@link io.laminar.format.Formats} is the entry point: it names the formats ({@code json}, {@code csv}), checks
 * their options and builds a {@link io.laminar.format.RowDecoder} or {@link io.laminar.format.RowEncoder} for one
 * {@link io.laminar.data.Schema}. Decoders and encoders are single-threaded and stateful: each keeps its scratch
 * buffers (the CSV cell buffer, the JSON key-to-column cache) and reuses them record after record, so the steady
 * state allocates little beyond the values themselves (strings, decimals). A decoder reads a record from a
 * {@code char[]} slice, so a reader can hand over its own buffer without copying a line into a {@code String}.
 *
 * <p>Type rules are shared by every format (package-private {@code Cells}): integers are range-checked, decimals are
 * parsed exactly (never through a double) and fitted to the declared scale, timestamps are ISO-8601 text (with or
 * without {@code T}, optional fraction, optional zone; no zone means UTC) or epoch milliseconds, and a value that does
 * not fit its column fails with a {@link io.laminar.format.DecodeException} naming the column and the expected
 * type. A failed decode leaves the batch as it was, so the caller can send the record to a dead-letter output and
 * carry on. The common timestamp and date forms are parsed and printed by hand ({@code TimeText}) because the
 * {@code java.time} formatters dominate the cost of a row otherwise.
 *
 * <p>Changelogs on the outside: an updating stream's rows carry their {@link io.laminar.data.RowKind} as a leading
 * {@code _op} key (JSON) or first column (CSV) holding {@code +I}, {@code -U}, {@code +U} or {@code -D}; decoders
 * read {@code _op} back into the row kind when the schema has no column of that name.
 */
package io.laminar.format;
