package io.laminar.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * A micro-batch of rows in columnar layout: the unit that moves between rings and operators.
 *
 * <p>Column {@code c} lives in exactly one of {@code longs[c]}, {@code doubles[c]} or {@code objects[c]} according
 * to its field's {@link Field#storage()}; the other entries are null. The exception is a
 * {@link ColumnType.Storage#SCALED_DECIMAL} column, which has both {@code longs[c]} (the unscaled value at the field's
 * scale) and {@code objects[c]} (a {@link BigDecimal} only where the long slot says {@link #DECIMAL_SPILLED}); cold
 * code reads and writes such cells through {@link #decimal}, {@link #setDecimal} and {@link #setScaledDecimal} (or
 * the generic {@link #getObject}/{@link #setObject}/{@link #value}/{@link #setValue}, which defer to them) and never
 * opens the spill itself. {@code nulls[c][row]} marks SQL NULL (the value slots then hold 0 / 0.0 / null).
 * {@code ops[row]} is the {@link RowKind} of each row. Fields are public so compiled kernels read and write arrays
 * directly, without accessor calls or bounds re-checks across a loop.
 *
 * <p>Not thread-safe: a batch is owned by one thread at a time and handed over through a ring (the ring's
 * release/acquire ordering publishes its contents). Batches are reused: {@link #clear()} keeps the arrays.
 */
public final class Batch {
    /**
     * The long slot of a {@link ColumnType.Storage#SCALED_DECIMAL} cell whose value is in {@code objects[c][r]}
     * instead (its unscaled value does not fit a long, or is this very value). Equal to the codegen's
     * {@code ScaledDecimal.OVERFLOW}, so an overflowed kernel result and a spilled cell are the same signal.
     */
    public static final long DECIMAL_SPILLED = Long.MIN_VALUE;

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
    /** Per column: the scale of a {@link ColumnType.Storage#SCALED_DECIMAL} column, -1 for any other column. */
    private final int[] decimalScales;

    public Batch(Schema schema, int capacity) {
        this.schema = schema;
        int n = schema.size();
        this.capacity = Math.max(capacity, 1);
        longs = new long[n][];
        doubles = new double[n][];
        objects = new Object[n][];
        nulls = new boolean[n][];
        decimalScales = new int[n];
        for (int c = 0; c < n; c++) {
            Field f = schema.field(c);
            decimalScales[c] = -1;
            switch (f.storage()) {
                case LONG -> longs[c] = new long[this.capacity];
                case DOUBLE -> doubles[c] = new double[this.capacity];
                case OBJECT -> objects[c] = new Object[this.capacity];
                case SCALED_DECIMAL -> {
                    longs[c] = new long[this.capacity];
                    objects[c] = new Object[this.capacity];
                    decimalScales[c] = f.scale();
                }
            }
            nulls[c] = new boolean[this.capacity];
        }
        ops = new byte[this.capacity];
    }

    public int capacity() { return capacity; }
    public int columnCount() { return longs.length; }

    public void clear() {
        for (Object[] col : objects) {
            if (col != null) Arrays.fill(col, 0, size, null); // let strings and spilled decimals be collected
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

    /** An object-stored cell; for a {@link ColumnType.Storage#SCALED_DECIMAL} column its {@link #decimal}. */
    public Object getObject(int col, int row) {
        return decimalScales[col] >= 0 ? decimal(col, row) : objects[col][row];
    }

    /** The storage of column {@code col} (its field's {@link Field#storage()}). */
    public ColumnType.Storage storage(int col) {
        if (decimalScales[col] >= 0) return ColumnType.Storage.SCALED_DECIMAL;
        return longs[col] != null ? ColumnType.Storage.LONG
                : doubles[col] != null ? ColumnType.Storage.DOUBLE : ColumnType.Storage.OBJECT;
    }

    /** The scale of a {@link ColumnType.Storage#SCALED_DECIMAL} column; -1 for any other column. */
    public int decimalScale(int col) { return decimalScales[col]; }

    public void setNull(int col, int row) {
        nulls[col][row] = true;
        if (longs[col] != null) longs[col][row] = 0;
        if (doubles[col] != null) doubles[col][row] = 0;
        if (objects[col] != null) objects[col][row] = null;
    }

    public void setLong(int col, int row, long v) { longs[col][row] = v; nulls[col][row] = false; }
    public void setDouble(int col, int row, double v) { doubles[col][row] = v; nulls[col][row] = false; }

    /** Stores an object-stored cell; a {@link ColumnType.Storage#SCALED_DECIMAL} column takes it as {@link #setDecimal}. */
    public void setObject(int col, int row, Object v) {
        if (decimalScales[col] >= 0) { // any number a DECIMAL accepts (Values.toObject), as the object column took it
            setDecimal(col, row, v == null ? null : (BigDecimal) Values.toObject(ColumnType.DECIMAL, v));
            return;
        }
        objects[col][row] = v;
        nulls[col][row] = v == null;
    }

    /**
     * A DECIMAL cell as a {@link BigDecimal} (null for SQL NULL); for a {@link ColumnType.Storage#SCALED_DECIMAL}
     * column it is made from the unscaled long at the field's scale (allocates: cold paths only).
     */
    public BigDecimal decimal(int col, int row) {
        if (nulls[col][row]) return null;
        int scale = decimalScales[col];
        if (scale < 0) return (BigDecimal) objects[col][row];
        long u = longs[col][row];
        return u == DECIMAL_SPILLED ? (BigDecimal) objects[col][row] : BigDecimal.valueOf(u, scale);
    }

    /**
     * Stores a DECIMAL cell (null = SQL NULL). A {@link ColumnType.Storage#SCALED_DECIMAL} column keeps it at the
     * field's scale, rounding HALF_UP like every DECIMAL result, as a long or, when it does not fit one, spilled.
     */
    public void setDecimal(int col, int row, BigDecimal v) {
        int scale = decimalScales[col];
        if (scale < 0) {
            objects[col][row] = v;
            nulls[col][row] = v == null;
            return;
        }
        nulls[col][row] = v == null;
        storeDecimal(longs[col], objects[col], row, v, scale);
    }

    /** Stores the unscaled value (at the field's scale) of a {@link ColumnType.Storage#SCALED_DECIMAL} cell. */
    public void setScaledDecimal(int col, int row, long unscaled) {
        nulls[col][row] = false;
        if (unscaled == DECIMAL_SPILLED) { // Long.MIN_VALUE itself: the sentinel's value goes to the spill
            longs[col][row] = DECIMAL_SPILLED;
            objects[col][row] = BigDecimal.valueOf(unscaled, decimalScales[col]);
        } else {
            longs[col][row] = unscaled;
            objects[col][row] = null;
        }
    }

    /**
     * Writes {@code v} (null = SQL NULL, stored as 0) into the two arrays of a {@link ColumnType.Storage#SCALED_DECIMAL}
     * column at {@code scale}: the unscaled long, or {@link #DECIMAL_SPILLED} and the value rounded to the scale. The
     * one place that decides what spills; compiled kernels call it when a result did not fit a long.
     */
    public static void storeDecimal(long[] slots, Object[] spill, int row, BigDecimal v, int scale) {
        if (v == null) {
            slots[row] = 0;
            spill[row] = null;
            return;
        }
        BigDecimal atScale = v.scale() == scale ? v : v.setScale(scale, RoundingMode.HALF_UP);
        java.math.BigInteger unscaled = atScale.unscaledValue();
        long u = unscaled.bitLength() <= 63 ? unscaled.longValue() : DECIMAL_SPILLED; // Long.MIN_VALUE spills too
        slots[row] = u;
        spill[row] = u == DECIMAL_SPILLED ? atScale : null;
    }

    /**
     * Copies one value between batches whose column {@code fromCol}/{@code toCol} share a storage class (DECIMAL
     * columns of different storage or scale are converted through {@link #decimal}).
     */
    public void copyValue(int toCol, int toRow, Batch from, int fromCol, int fromRow) {
        boolean isNull = from.nulls[fromCol][fromRow];
        nulls[toCol][toRow] = isNull;
        if (decimalScales[toCol] >= 0 || from.decimalScales[fromCol] >= 0) {
            copyDecimal(toCol, toRow, from, fromCol, fromRow);
        } else if (longs[toCol] != null) {
            longs[toCol][toRow] = from.longs[fromCol][fromRow];
        } else if (doubles[toCol] != null) {
            doubles[toCol][toRow] = from.doubles[fromCol][fromRow];
        } else {
            objects[toCol][toRow] = from.objects[fromCol][fromRow];
        }
    }

    private void copyDecimal(int toCol, int toRow, Batch from, int fromCol, int fromRow) {
        if (decimalScales[toCol] == from.decimalScales[fromCol]) { // same scale: both slots as they are
            longs[toCol][toRow] = from.longs[fromCol][fromRow];
            objects[toCol][toRow] = from.objects[fromCol][fromRow];
        } else {
            setDecimal(toCol, toRow, from.decimal(fromCol, fromRow));
        }
    }

    /** Appends row {@code row} of {@code from} (same column layout) with the given kind; returns the new index. */
    public int appendRow(Batch from, int row, byte kind) {
        int r = addRow(kind);
        copyRow(r, from, row);
        return r;
    }

    /**
     * Appends rows {@code rows[0..count)} of {@code from} (same columns), with their kinds, column by column: the
     * gather an exchange does when it splits a batch between cores. A column stored differently in {@code from} (a
     * DECIMAL of another scale or storage) is converted value by value, as {@link #appendRow} does.
     */
    public void appendRows(Batch from, int[] rows, int count) {
        ensureCapacity(count);
        final int at = size;
        for (int c = 0; c < nulls.length; c++) {
            if (!sameStorage(c, from)) {
                for (int i = 0; i < count; i++) copyValue(c, at + i, from, c, rows[i]);
                continue;
            }
            if (longs[c] != null) gather(from.longs[c], rows, count, longs[c], at);
            if (doubles[c] != null) gather(from.doubles[c], rows, count, doubles[c], at);
            if (objects[c] != null) gather(from.objects[c], rows, count, objects[c], at);
            gather(from.nulls[c], rows, count, nulls[c], at);
        }
        final byte[] fromOps = from.ops, toOps = ops;
        for (int i = 0; i < count; i++) toOps[at + i] = fromOps[rows[i]];
        if (lateness != null) Arrays.fill(lateness, at, at + count, 0);
        size = at + count;
    }

    /** Whether column {@code c} is held the same way here and in {@code other}: same arrays, same decimal scale. */
    private boolean sameStorage(int c, Batch other) {
        return decimalScales[c] == other.decimalScales[c] && (longs[c] == null) == (other.longs[c] == null)
                && (doubles[c] == null) == (other.doubles[c] == null) && (objects[c] == null) == (other.objects[c] == null);
    }

    private static void gather(long[] from, int[] rows, int count, long[] to, int at) {
        for (int i = 0; i < count; i++) to[at + i] = from[rows[i]];
    }

    private static void gather(double[] from, int[] rows, int count, double[] to, int at) {
        for (int i = 0; i < count; i++) to[at + i] = from[rows[i]];
    }

    private static void gather(Object[] from, int[] rows, int count, Object[] to, int at) {
        for (int i = 0; i < count; i++) to[at + i] = from[rows[i]];
    }

    private static void gather(boolean[] from, int[] rows, int count, boolean[] to, int at) {
        for (int i = 0; i < count; i++) to[at + i] = from[rows[i]];
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

    /** {@link #sameValues(int, Batch, int)} with VARBINARY (and other object) cells compared by {@code equals}. */
    public boolean sameValuesByEquals(int a, Batch other, int b) {
        return sameValues(a, other, b, false);
    }

    private boolean sameValues(int a, Batch other, int b, boolean arraysByContent) {
        for (int c = 0; c < nulls.length; c++) {
            boolean na = nulls[c][a], nb = other.nulls[c][b];
            if (na != nb) return false;
            if (na) continue;
            if (decimalScales[c] >= 0 || other.decimalScales[c] >= 0) {
                if (!sameDecimal(c, a, other, b)) return false;
            } else if (longs[c] != null) {
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

    private boolean sameDecimal(int c, int a, Batch other, int b) {
        if (decimalScales[c] == other.decimalScales[c]) {
            long x = longs[c][a], y = other.longs[c][b];
            if (x != DECIMAL_SPILLED || y != DECIMAL_SPILLED) return x == y; // one value, one representation
        }
        return decimal(c, a).compareTo(other.decimal(c, b)) == 0;
    }

    /** The value of a cell as a Java object (boxed; for the control plane, tests and output, never the hot path). */
    public Object value(int col, int row) {
        if (nulls[col][row]) return null;
        if (decimalScales[col] >= 0) return decimal(col, row);
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
        switch (storage(col)) {
            case LONG -> setLong(col, row, Values.toLong(t, v));
            case DOUBLE -> setDouble(col, row, Values.toDouble(v));
            case OBJECT, SCALED_DECIMAL -> setObject(col, row, Values.toObject(t, v));
        }
    }

    /** A deep copy sized to fit (used when a batch leaves Ring 0 for subscribers and sinks). */
    public Batch copy() {
        Batch b = new Batch(schema, Math.max(size, 1));
        copyTo(b);
        return b;
    }

    /** Appends every row of this batch to {@code target} (same column layout), growing it if needed. */
    public void appendTo(Batch target) {
        int at = target.size;
        target.ensureCapacity(size);
        for (int c = 0; c < longs.length; c++) {
            if (longs[c] != null) System.arraycopy(longs[c], 0, target.longs[c], at, size);
            if (doubles[c] != null) System.arraycopy(doubles[c], 0, target.doubles[c], at, size);
            if (objects[c] != null) System.arraycopy(objects[c], 0, target.objects[c], at, size);
            System.arraycopy(nulls[c], 0, target.nulls[c], at, size);
        }
        System.arraycopy(ops, 0, target.ops, at, size);
        target.size = at + size;
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
