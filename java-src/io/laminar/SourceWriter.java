package io.laminar;

import io.laminar.data.ArrowBatches;
import io.laminar.data.Batch;
import io.laminar.data.Schema;
import io.laminar.exec.SourceRuntime;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Pushes rows into one source (the MEMORY connector). Rows are checked as they are written: an unknown column, a
 * missing NOT NULL column or a value of the wrong type is rejected with an error naming the column, and nothing of
 * that row enters the source.
 *
 * <p>Thread-safety: a writer may be shared; writes to one source from several writers are serialised, and the
 * source's arrival order is the order in which writes complete. Rows are handed to the engine in adaptive batches
 * (immediately when the engine is idle); {@link #flush()} hands over everything written so far.
 *
 * <p>Durability: in a database with a directory every row (and every {@link #watermark}/{@link #finish}) is appended
 * to the write-ahead log before the call returns, and made as durable as {@link Config#fsync} promises — with the
 * default {@code batch} policy, a write that returned is on disk and survives a crash. Writing an Arrow batch costs
 * one fsync for all its rows.
 */
public final class SourceWriter implements AutoCloseable {
    private final String source;
    private final SourceRuntime runtime;
    private final Schema schema;
    private volatile boolean closed;
    private final Row row;

    SourceWriter(String source, SourceRuntime runtime) {
        this.source = source;
        this.runtime = runtime;
        this.schema = runtime.schema();
        this.row = new Row();
    }

    /**
     * Starts a row built with unboxed setters — {@code writer.row().setLong(0, id).setLong(3, ts).commit()} — the
     * allocation-free way to write (no boxing, no varargs array, no map). Columns not set are NULL. The
     * {@link Row} is this writer's one reusable builder: build one row at a time, from one thread.
     */
    public Row row() {
        checkOpen();
        row.clear();
        return row;
    }

    /** A row under construction (see {@link #row()}); values are checked against the column types as they are set. */
    public final class Row {
        private final long[] longs = new long[schema.size()];
        private final double[] doubles = new double[schema.size()];
        private final Object[] objects = new Object[schema.size()];
        private final boolean[] present = new boolean[schema.size()];

        private Row() {}

        void clear() {
            java.util.Arrays.fill(present, false);
            for (int c = 0; c < objects.length; c++) { // a load per column; a store (and its GC barrier) only if set
                if (objects[c] != null) objects[c] = null;
            }
        }

        /** A BIGINT/INTEGER/... column, or TIMESTAMP (epoch millis), DATE (epoch days), BOOLEAN (0/1). */
        public Row setLong(int column, long value) {
            storage(column, io.laminar.data.ColumnType.Storage.LONG, "setLong");
            checkRange(column, value);
            objects[column] = null;
            longs[column] = value;
            present[column] = true;
            return this;
        }

        /** A DOUBLE or FLOAT column. */
        public Row setDouble(int column, double value) {
            storage(column, io.laminar.data.ColumnType.Storage.DOUBLE, "setDouble");
            objects[column] = null;
            doubles[column] = value;
            present[column] = true;
            return this;
        }

        /**
         * A DECIMAL column with a declared scale, as its unscaled value at that scale: for DECIMAL(10, 2),
         * {@code setDecimal(c, 1999)} is 19.99. No BigDecimal is made (the column is held as scaled longs).
         */
        public Row setDecimal(int column, long unscaled) {
            storage(column, io.laminar.data.ColumnType.Storage.SCALED_DECIMAL, "setDecimal");
            objects[column] = null;
            longs[column] = unscaled;
            present[column] = true;
            return this;
        }

        /** Any column, as the Java value {@link #write(Object...)} takes (boxes numbers: prefer the unboxed setters). */
        public Row set(int column, Object value) {
            if (column < 0 || column >= schema.size()) storage(column, null, "set");
            objects[column] = value;
            present[column] = value != null;
            return this;
        }

        /** Writes the row (nothing of it enters the source if a NOT NULL column is missing). */
        public SourceWriter commit() {
            long logged;
            synchronized (runtime) {
                int r = runtime.beginRow();
                Batch b = runtime.batch();
                try {
                    for (int c = 0; c < present.length; c++) {
                        if (!present[c]) {
                            if (!schema.field(c).nullable()) {
                                throw new LaminarException(ErrorCode.MISSING_COLUMN, "column " + schema.field(c).name()
                                        + " of source " + source + " is NOT NULL but the row has no value for it",
                                        Map.of("source", source, "column", schema.field(c).name()), null);
                            }
                            b.setNull(c, r);
                        } else if (objects[c] != null) {
                            SourceWriter.this.set(b, c, r, objects[c]);
                        } else if (b.decimalScale(c) >= 0) {
                            b.setScaledDecimal(c, r, longs[c]);
                        } else if (b.longs[c] != null) {
                            b.setLong(c, r, longs[c]);
                        } else {
                            b.setDouble(c, r, doubles[c]);
                        }
                    }
                } catch (RuntimeException ex) {
                    runtime.abandonRow();
                    throw ex;
                }
                logged = runtime.writerRowAdded();
            }
            runtime.afterWrite(logged);
            return SourceWriter.this;
        }

        /** The checks {@link #write(Object...)} makes: integer widths, and BOOLEAN as 0 or 1 (a compare, no boxing). */
        private void checkRange(int column, long value) {
            io.laminar.data.ColumnType t = schema.field(column).type();
            if (!io.laminar.data.Values.fits(t, value)) {
                throw new LaminarException(ErrorCode.WRONG_TYPE, "column " + schema.field(column).name() + " of source "
                        + source + " is " + t.sqlName() + "; " + value + " is out of its range"
                        + (t == io.laminar.data.ColumnType.BOOLEAN ? " (0 or 1)" : ""),
                        Map.of("source", source, "column", schema.field(column).name()), null);
            }
        }

        private void storage(int column, io.laminar.data.ColumnType.Storage expected, String setter) {
            if (column < 0 || column >= schema.size()) {
                throw new LaminarException(ErrorCode.UNKNOWN_COLUMN, "source " + source + " has no column " + column
                        + " (columns 0.." + (schema.size() - 1) + ": " + schema.names() + ")", Map.of("source", source), null);
            }
            io.laminar.data.Field f = schema.field(column);
            io.laminar.data.ColumnType.Storage held = f.storage();
            if (held != expected) {
                String valued = expected == io.laminar.data.ColumnType.Storage.SCALED_DECIMAL
                        ? "DECIMAL(p, s) columns (a declared scale of 0..18)" : expected.name().toLowerCase(Locale.ROOT) + "-valued columns";
                throw new LaminarException(ErrorCode.WRONG_TYPE, "column " + f.name() + " of source "
                        + source + " is " + f.sqlType() + "; " + setter + " is for " + valued
                        + " — use " + switch (held) {
                            case LONG -> "setLong";
                            case DOUBLE -> "setDouble";
                            case SCALED_DECIMAL -> "setDecimal (the unscaled value) or set";
                            case OBJECT -> "set";
                        } + " instead",
                        Map.of("source", source, "column", f.name()), null);
            }
        }
    }

    public String source() { return source; }

    /** Writes one row given as column name → value (names case-insensitive; absent columns are NULL). */
    public SourceWriter write(Map<String, ?> row) {
        checkOpen();
        long logged;
        synchronized (runtime) {
            int r = runtime.beginRow();
            Batch b = runtime.batch();
            try {
                for (Map.Entry<String, ?> e : row.entrySet()) {
                    String name = e.getKey();
                    int c = schema.indexOf(name.startsWith(":") ? name.substring(1) : name);
                    if (c < 0) {
                        throw new LaminarException(ErrorCode.UNKNOWN_COLUMN, "source " + source + " has no column '"
                                + name + "'" + hint(name) + "; its columns are " + schema.names(),
                                Map.of("source", source, "column", name), null);
                    }
                    set(b, c, r, e.getValue());
                }
                for (int c = 0; c < schema.size(); c++) {
                    if (!schema.field(c).nullable() && b.nulls[c][r]) {
                        throw new LaminarException(ErrorCode.MISSING_COLUMN, "column " + schema.field(c).name() + " of source "
                                + source + " is NOT NULL but the row has no value for it",
                                Map.of("source", source, "column", schema.field(c).name()), null);
                    }
                }
                markAbsentAsNull(b, r, row);
            } catch (RuntimeException ex) {
                runtime.abandonRow();
                throw ex;
            }
            logged = runtime.writerRowAdded();
        }
        runtime.afterWrite(logged); // acknowledged only once the WAL's fsync policy is met (outside the lock: group commit)
        return this;
    }

    private void markAbsentAsNull(Batch b, int r, Map<String, ?> row) {
        if (row.size() >= schema.size()) return;
        boolean[] present = new boolean[schema.size()];
        for (String k : row.keySet()) present[schema.indexOf(k.startsWith(":") ? k.substring(1) : k)] = true;
        for (int c = 0; c < present.length; c++) {
            if (!present[c]) {
                if (!schema.field(c).nullable()) {
                    throw new LaminarException(ErrorCode.MISSING_COLUMN, "column " + schema.field(c).name() + " of source "
                            + source + " is NOT NULL but the row has no value for it",
                            Map.of("source", source, "column", schema.field(c).name()), null);
                }
                b.setNull(c, r);
            }
        }
    }

    /** Writes one row given positionally, one value per declared column. */
    public SourceWriter write(Object... values) {
        checkOpen();
        if (values.length != schema.size()) {
            throw new LaminarException(ErrorCode.BAD_ROW, "source " + source + " has " + schema.size() + " columns "
                    + schema.names() + " but the row has " + values.length + " values", Map.of("source", source), null);
        }
        long logged;
        synchronized (runtime) {
            int r = runtime.beginRow();
            Batch b = runtime.batch();
            try {
                for (int c = 0; c < values.length; c++) {
                    if (values[c] == null && !schema.field(c).nullable()) {
                        throw new LaminarException(ErrorCode.MISSING_COLUMN, "column " + schema.field(c).name()
                                + " of source " + source + " is NOT NULL", Map.of("source", source, "column", schema.field(c).name()), null);
                    }
                    set(b, c, r, values[c]);
                }
            } catch (RuntimeException ex) {
                runtime.abandonRow();
                throw ex;
            }
            logged = runtime.writerRowAdded();
        }
        runtime.afterWrite(logged);
        return this;
    }

    /**
     * Writes every row of an Arrow batch. Vectors are matched to columns by name (case-insensitive); a vector
     * naming no column is an error, a column without a vector is NULL. The caller keeps ownership of {@code root}.
     */
    public SourceWriter write(VectorSchemaRoot root) {
        checkOpen();
        int[] columnOf = new int[root.getFieldVectors().size()];
        for (int i = 0; i < columnOf.length; i++) {
            String name = root.getVector(i).getName();
            columnOf[i] = schema.indexOf(name);
            if (columnOf[i] < 0) {
                throw new LaminarException(ErrorCode.UNKNOWN_COLUMN, "Arrow vector '" + name + "' matches no column of source "
                        + source + "; its columns are " + schema.names(), Map.of("source", source, "column", name), null);
            }
        }
        long logged = 0;
        synchronized (runtime) {
            for (int row = 0; row < root.getRowCount(); row++) {
                int r = runtime.beginRow();
                Batch b = runtime.batch();
                try {
                    for (int c = 0; c < schema.size(); c++) b.setNull(c, r);
                    for (int i = 0; i < columnOf.length; i++) {
                        FieldVector v = root.getVector(i);
                        set(b, columnOf[i], r, ArrowBatches.value(v, row));
                    }
                } catch (RuntimeException ex) {
                    runtime.abandonRow();
                    throw ex;
                }
                logged = runtime.writerRowAdded();
            }
        }
        runtime.afterWrite(logged); // one fsync for the whole Arrow batch
        return this;
    }

    private void set(Batch b, int c, int r, Object v) {
        try {
            b.setValue(c, r, v);
        } catch (IllegalArgumentException | ClassCastException e) {
            String col = schema.field(c).name();
            throw new LaminarException(ErrorCode.WRONG_TYPE, "column " + col + " of source " + source + ": " + e.getMessage(),
                    Map.of("source", source, "column", col, "value", String.valueOf(v)), null);
        }
    }

    private String hint(String name) {
        String h = io.laminar.connector.Options.closest(name.toLowerCase(Locale.ROOT),
                schema.names().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
        return h != null ? " (did you mean '" + h + "'?)" : "";
    }

    /** Advances the source's watermark to {@code epochMillis} (never backwards), flushing buffered rows first. */
    public SourceWriter watermark(long epochMillis) {
        checkOpen();
        long logged;
        synchronized (runtime) {
            logged = runtime.writerWatermark(epochMillis);
        }
        runtime.afterWrite(logged);
        return this;
    }

    /** Hands every buffered row to the engine. */
    public SourceWriter flush() {
        synchronized (runtime) {
            runtime.writerFlush();
        }
        runtime.afterWrite(0);
        return this;
    }

    /**
     * Declares the end of this source's input: the final +infinity watermark closes every open window downstream.
     * Further writes to the source fail.
     */
    public void finish() {
        long logged;
        synchronized (runtime) {
            logged = runtime.writerFinish();
        }
        runtime.afterWrite(logged);
        closed = true;
    }

    private void checkOpen() {
        if (closed || runtime.isFinished()) {
            throw new LaminarException(ErrorCode.CLOSED, "the writer for source " + source + " is closed"
                    + (runtime.isFinished() ? " (the source's input was finished)" : ""));
        }
    }

    /** Flushes and releases the writer (the source stays open for other writers). */
    @Override public void close() {
        if (!closed) flush();
        closed = true;
    }
}
