package io.laminar.data;

import java.util.Arrays;

/**
 * A micro-batch of rows in columnar layout: the unit that moves between rings and operators.
 *
 * <p>Column {@code c} lives in exactly one of {@code longs[c]}, {@code doubles[c]} or {@code objects[c]} according
 * to its {@link ColumnType.Storage}; the other two entries are null. {@code nulls[c][row]} marks SQL NULL (the value
 * slot then holds 0 / 0.0 / null). {@code ops[row]} is the {@link RowKind} of each row. Fields are public so compiled
 * kernels read and write arrays directly, without accessor calls or bounds re-checks across a loop.
 *
 * <p>Not thread-safe: a batch is owned by one thread at a time and handed over through a ring (the ring's
 * release/acquire ordering publishes its contents). Batches are reused: {@link #clear()} keeps the arrays.
 */
public final class Batch {
    public final Schema schema;
    public final long[][] longs;
    public final double[][] doubles;
    public final Object[][] objects;
    public final boolean[][] nulls;
    public byte[] ops;
    /**
     * For source batches only: how far behind the source watermark each row arrived (0 = on time). Queries with
     * {@code ALLOW LATENESS} accept rows up to their lateness; {@link #maxLateness} is 0 when every row is on time.
     */
    public long[] lateness;
    public long maxLateness;
    public int size;
    private int capacity;

    public Batch(Schema schema, int capacity) {
        this.schema = schema;
        int n = schema.size();
        this.capacity = Math.max(capacity, 1);
        longs = new long[n][];
        doubles = new double[n][];
        objects = new Object[n][];
        nulls = new boolean[n][];
        for (int c = 0; c < n; c++) {
            switch (schema.field(c).type().storage) {
                case LONG -> longs[c] = new long[this.capacity];
                case DOUBLE -> doubles[c] = new double[this.capacity];
                case OBJECT -> objects[c] = new Object[this.capacity];
            }
            nulls[c] = new boolean[this.capacity];
        }
        ops = new byte[this.capacity];
    }

    public int capacity() { return capacity; }
    public int columnCount() { return longs.length; }

    public void clear() {
        for (Object[] col : objects) {
            if (col != null) Arrays.fill(col, 0, size, null); // let strings be collected
        }
        size = 0;
        maxLateness = 0;
    }

    /** Makes room for {@code extra} more rows, growing every column array if needed. */
    public void ensureCapacity(int extra) {
        int needed = size + extra;
        if (needed <= capacity) return;
        int newCap = Math.max(needed, capacity * 2);
        for (int c = 0; c < longs.length; c++) {
            if (longs[c] != null) longs[c] = Arrays.copyOf(longs[c], newCap);
            if (doubles[c] != null) doubles[c] = Arrays.copyOf(doubles[c], newCap);
            if (objects[c] != null) objects[c] = Arrays.copyOf(objects[c], newCap);
            nulls[c] = Arrays.copyOf(nulls[c], newCap);
        }
        ops = Arrays.copyOf(ops, newCap);
        if (lateness != null) lateness = Arrays.copyOf(lateness, newCap);
        capacity = newCap;
    }

    /** Appends a row, returns its index; the caller fills the columns (all start as non-null zero). */
    public int addRow(byte kind) {
        int r = addRowUncleared(kind);
        for (int c = 0; c < nulls.length; c++) nulls[c][r] = false;
        return r;
    }

    /**
     * {@link #addRow} for a caller that writes every column of the row, value and null flag: the null flags keep
     * whatever the slot held before.
     */
    public int addRowUncleared(byte kind) {
        ensureCapacity(1);
        int r = size++;
        ops[r] = kind;
        if (lateness != null) lateness[r] = 0;
        return r;
    }

    public boolean isNull(int col, int row) { return nulls[col][row]; }
    public long getLong(int col, int row) { return longs[col][row]; }
    public double getDouble(int col, int row) { return doubles[col][row]; }
    public Object getObject(int col, int row) { return objects[col][row]; }

    public void setNull(int col, int row) {
        nulls[col][row] = true;
        if (longs[col] != null) longs[col][row] = 0;
        else if (doubles[col] != null) doubles[col][row] = 0;
        else objects[col][row] = null;
    }

    public void setLong(int col, int row, long v) { longs[col][row] = v; nulls[col][row] = false; }
    public void setDouble(int col, int row, double v) { doubles[col][row] = v; nulls[col][row] = false; }

    public void setObject(int col, int row, Object v) {
        objects[col][row] = v;
        nulls[col][row] = v == null;
    }

    /** Copies one value between batches whose column {@code fromCol}/{@code toCol} share a storage class. */
    public void copyValue(int toCol, int toRow, Batch from, int fromCol, int fromRow) {
        boolean isNull = from.nulls[fromCol][fromRow];
        nulls[toCol][toRow] = isNull;
        if (longs[toCol] != null) longs[toCol][toRow] = from.longs[fromCol][fromRow];
        else if (doubles[toCol] != null) doubles[toCol][toRow] = from.doubles[fromCol][fromRow];
        else objects[toCol][toRow] = from.objects[fromCol][fromRow];
    }

    /** Appends row {@code row} of {@code from} (same column layout) with the given kind; returns the new index. */
    public int appendRow(Batch from, int row, byte kind) {
        int r = addRow(kind);
        copyRow(r, from, row);
        return r;
    }

    /** Overwrites every column of row {@code toRow} with row {@code fromRow} of {@code from} (same column layout). */
    public void copyRow(int toRow, Batch from, int fromRow) {
        for (int c = 0; c < nulls.length; c++) copyValue(c, toRow, from, c, fromRow);
    }

    /** True when rows {@code a} and {@code b} of this batch hold equal values in every column (nulls equal). */
    public boolean sameValues(int a, int b) {
        return sameValues(a, this, b, false);
    }

    /**
     * True when row {@code a} of this batch and row {@code b} of {@code other} (same column layout) hold equal values
     * in every column: nulls equal, VARBINARY by content.
     */
    public boolean sameValues(int a, Batch other, int b) {
        return sameValues(a, other, b, true);
    }

    private boolean sameValues(int a, Batch other, int b, boolean arraysByContent) {
        for (int c = 0; c < nulls.length; c++) {
            boolean na = nulls[c][a], nb = other.nulls[c][b];
            if (na != nb) return false;
            if (na) continue;
            if (longs[c] != null) {
                if (longs[c][a] != other.longs[c][b]) return false;
            } else if (doubles[c] != null) {
                if (Double.compare(doubles[c][a], other.doubles[c][b]) != 0) return false;
            } else if (arraysByContent ? !java.util.Objects.deepEquals(objects[c][a], other.objects[c][b])
                    : !java.util.Objects.equals(objects[c][a], other.objects[c][b])) {
                return false;
            }
        }
        return true;
    }

    /** The value of a cell as a Java object (boxed; for the control plane, tests and output, never the hot path). */
    public Object value(int col, int row) {
        if (nulls[col][row]) return null;
        return Values.toJava(schema.field(col).type(), longs[col] != null ? longs[col][row] : 0,
                doubles[col] != null ? doubles[col][row] : 0, objects[col] != null ? objects[col][row] : null);
    }

    /** Stores a Java value (as produced by {@link #value}) into a cell; conversion errors throw. */
    public void setValue(int col, int row, Object v) {
        if (v == null) {
            setNull(col, row);
            return;
        }
        ColumnType t = schema.field(col).type();
        switch (t.storage) {
            case LONG -> setLong(col, row, Values.toLong(t, v));
            case DOUBLE -> setDouble(col, row, Values.toDouble(v));
            case OBJECT -> setObject(col, row, Values.toObject(t, v));
        }
    }

    /** A deep copy sized to fit (used when a batch leaves Ring 0 for subscribers and sinks). */
    public Batch copy() {
        Batch b = new Batch(schema, Math.max(size, 1));
        copyTo(b);
        return b;
    }

    /**
     * Replaces {@code target}'s rows (same column layout) with a copy of this batch's, reusing its arrays when they
     * are big enough: the allocation-free form of {@link #copy()} for a batch that is recycled.
     */
    public void copyTo(Batch target) {
        target.clear();
        target.ensureCapacity(size);
        for (int c = 0; c < longs.length; c++) {
            if (longs[c] != null) System.arraycopy(longs[c], 0, target.longs[c], 0, size);
            if (doubles[c] != null) System.arraycopy(doubles[c], 0, target.doubles[c], 0, size);
            if (objects[c] != null) System.arraycopy(objects[c], 0, target.objects[c], 0, size);
            System.arraycopy(nulls[c], 0, target.nulls[c], 0, size);
        }
        System.arraycopy(ops, 0, target.ops, 0, size);
        target.size = size;
    }

    /** Row {@code row} as boxed values, for diagnostics and tests. */
    public Object[] row(int row) {
        Object[] out = new Object[longs.length];
        for (int c = 0; c < out.length; c++) out[c] = value(c, row);
        return out;
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("Batch").append(schema).append(" size=").append(size);
        for (int r = 0; r < Math.min(size, 20); r++) {
            sb.append("\n  ").append(RowKind.shortString(ops[r])).append(' ').append(Arrays.toString(row(r)));
        }
        return sb.toString();
    }
}
