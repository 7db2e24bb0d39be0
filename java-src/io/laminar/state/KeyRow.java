package io.laminar.state;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Schema;
import java.util.Arrays;
import java.util.Objects;

/**
 * A grouping key: the values of some columns of a row, stored unboxed. An operator keeps one mutable instance as a
 * probe, {@link #load}s each row's key into it and looks it up without allocating; only a key that is new to the
 * store is {@link #copy copied}. Equality and hash cover the values and the null flags.
 */
public final class KeyRow {
    private final ColumnType.Storage[] storage;
    private final long[] longs;
    private final double[] doubles;
    private final Object[] objects;
    /**
     * Which fields are NULL: bit i for field i < 64, {@link #wideNulls} beyond (null for keys of up to 64 fields).
     * A mask in the object rather than a flag array: comparing a stored key reads one array fewer.
     */
    private long nullBits;
    private final boolean[] wideNulls;
    private int hash;

    private static final long[] NO_LONGS = {};
    private static final double[] NO_DOUBLES = {};
    private static final Object[] NO_OBJECTS = {};

    public KeyRow(ColumnType.Storage[] storage) {
        this.storage = storage;
        int n = storage.length;
        boolean anyLong = false, anyDouble = false, anyObject = false;
        for (ColumnType.Storage s : storage) {
            switch (s) {
                case LONG -> anyLong = true;
                case DOUBLE -> anyDouble = true;
                default -> anyObject = true;
            }
        }
        // a key is kept per group (millions on a restore): arrays of storage classes it never uses are shared
        longs = anyLong ? new long[n] : NO_LONGS;
        doubles = anyDouble ? new double[n] : NO_DOUBLES;
        objects = anyObject ? new Object[n] : NO_OBJECTS;
        wideNulls = n > 64 ? new boolean[n - 64] : null;
    }

    /**
     * The storage classes of {@code columns} of {@code schema}: the type's, so a DECIMAL key field is an object (its
     * BigDecimal at the field's scale) whether the batch holds it as an object or as scaled longs.
     */
    public static ColumnType.Storage[] storageOf(Schema schema, int[] columns) {
        ColumnType.Storage[] s = new ColumnType.Storage[columns.length];
        for (int i = 0; i < columns.length; i++) s[i] = schema.field(columns[i]).type().storage;
        return s;
    }

    public int arity() { return storage.length; }

    /** Loads the key columns of row {@code row} of {@code batch} into this probe and computes its hash. */
    public KeyRow load(Batch batch, int[] columns, int row) {
        int h = 1;
        long nulls = 0; // built here, stored once: no read-modify-write of the field per key column
        for (int i = 0; i < columns.length; i++) {
            int c = columns[i];
            boolean isNull = batch.nulls[c][row];
            if (i >= 64) wideNulls[i - 64] = isNull;
            else if (isNull) nulls |= 1L << i;
            int vh;
            switch (storage[i]) {
                case LONG -> { long v = isNull ? 0 : batch.longs[c][row]; longs[i] = v; vh = Long.hashCode(v); }
                case DOUBLE -> { double v = isNull ? 0 : batch.doubles[c][row]; doubles[i] = v; vh = Double.hashCode(v); }
                // objects, and DECIMALs stored as scaled longs (keyed by their BigDecimal: the persisted key format)
                default -> { Object v = isNull ? null : batch.getObject(c, row); objects[i] = v; vh = Objects.hashCode(v); }
            }
            h = 31 * h + (isNull ? 7 : vh);
        }
        nullBits = nulls;
        hash = mix(h);
        return this;
    }

    /** Spreads the bits so that routing by {@code hash % cores} and hash tables both see a good distribution. */
    static int mix(int h) {
        h ^= (h >>> 16);
        h *= 0x85ebca6b;
        h ^= (h >>> 13);
        return h;
    }

    public KeyRow copy() {
        return copy(null);
    }

    /**
     * A copy to keep (this probe's key entering a store), its string fields shared through {@code pool} (null: as
     * they are) so that the groups of a store hold one instance per distinct string, which stays in cache.
     */
    public KeyRow copy(StringPool pool) {
        KeyRow k = new KeyRow(storage);
        System.arraycopy(longs, 0, k.longs, 0, longs.length);
        System.arraycopy(doubles, 0, k.doubles, 0, doubles.length);
        if (pool == null) System.arraycopy(objects, 0, k.objects, 0, objects.length);
        else for (int i = 0; i < objects.length; i++) k.objects[i] = pool.canonical(objects[i]);
        k.nullBits = nullBits;
        if (wideNulls != null) System.arraycopy(wideNulls, 0, k.wideNulls, 0, wideNulls.length);
        k.hash = hash;
        return k;
    }

    /** Writes key field {@code i} into column {@code col} of row {@code row} of {@code out}. */
    public void writeTo(int i, Batch out, int col, int row) {
        if (isNull(i)) {
            out.setNull(col, row);
            return;
        }
        switch (storage[i]) {
            case LONG -> out.setLong(col, row, longs[i]);
            case DOUBLE -> out.setDouble(col, row, doubles[i]);
            default -> out.setObject(col, row, objects[i]);
        }
    }

    public long getLong(int i) { return longs[i]; }

    /** The storage class of each key field (what {@link #read} needs to decode a key). */
    public ColumnType.Storage[] storage() { return storage.clone(); }

    /** Writes this key's values (see {@link ValueCodec} for the layout of each field). */
    public void write(java.io.DataOutput out) throws java.io.IOException {
        for (int i = 0; i < storage.length; i++) {
            boolean isNull = isNull(i);
            out.writeBoolean(isNull);
            if (isNull) continue;
            switch (storage[i]) {
                case LONG -> out.writeLong(longs[i]);
                case DOUBLE -> out.writeDouble(doubles[i]);
                default -> ValueCodec.writeValue(out, objects[i]);
            }
        }
    }

    /** Reads a key written by {@link #write}; the hash is recomputed exactly as {@link #load} computes it. */
    public static KeyRow read(java.io.DataInput in, ColumnType.Storage[] storage) throws java.io.IOException {
        KeyRow k = new KeyRow(storage);
        int h = 1;
        for (int i = 0; i < storage.length; i++) {
            boolean isNull = in.readBoolean();
            k.setNull(i, isNull);
            int vh = 0;
            if (!isNull) {
                switch (storage[i]) {
                    case LONG -> { k.longs[i] = in.readLong(); vh = Long.hashCode(k.longs[i]); }
                    case DOUBLE -> { k.doubles[i] = in.readDouble(); vh = Double.hashCode(k.doubles[i]); }
                    default -> { k.objects[i] = ValueCodec.readValue(in); vh = Objects.hashCode(k.objects[i]); }
                }
            }
            h = 31 * h + (isNull ? 7 : vh);
        }
        k.hash = mix(h);
        return k;
    }
    public boolean isNull(int i) { return i < 64 ? (nullBits >>> i & 1) != 0 : wideNulls[i - 64]; }

    private void setNull(int i, boolean isNull) {
        if (i >= 64) wideNulls[i - 64] = isNull;
        else if (isNull) nullBits |= 1L << i;
        else nullBits &= ~(1L << i);
    }

    @Override public int hashCode() { return hash; }

    @Override public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof KeyRow k) || k.hash != hash) return false;
        if (nullBits != k.nullBits || (wideNulls != null && !Arrays.equals(wideNulls, k.wideNulls))) return false;
        for (int i = 0; i < storage.length; i++) {
            if (isNull(i)) continue;
            switch (storage[i]) {
                case LONG -> { if (longs[i] != k.longs[i]) return false; }
                case DOUBLE -> { if (Double.compare(doubles[i], k.doubles[i]) != 0) return false; }
                default -> { if (!Objects.equals(objects[i], k.objects[i])) return false; }
            }
        }
        return true;
    }

    @Override public String toString() {
        Object[] vals = new Object[storage.length];
        for (int i = 0; i < vals.length; i++) {
            vals[i] = isNull(i) ? null : switch (storage[i]) {
                case LONG -> longs[i];
                case DOUBLE -> doubles[i];
                default -> objects[i];
            };
        }
        return Arrays.toString(vals);
    }
}
