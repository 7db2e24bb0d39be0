package io.laminar.state;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Schema;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The binary encoding of values shared by WAL records, state snapshots and RocksDB entries. Big-endian, no
 * framing: the caller frames (a WAL record, a snapshot file with its CRC).
 *
 * <p>A <em>typed row</em> (batch row, key) is written column by column according to its storage class: one null
 * byte, then an 8-byte long, an 8-byte double, or a tagged object. A <em>tagged value</em> (accumulator slots,
 * COUNT DISTINCT sets, emitted rows) starts with one tag byte:
 * <pre>
 *   0 null | 1 long (8) | 2 double (8) | 3 string (int length + UTF-8) | 4 decimal (int scale, int n, n bytes)
 *   5 bytes (int n, n bytes) | 6 boolean (1) | 7 set (int n, n values) | 8 array (int n, n values) | 9 list (same)
 * </pre>
 * Tags never change meaning; new ones are appended (checkpoints written by older versions must stay readable).
 */
public final class ValueCodec {
    private static final byte NULL = 0, LONG = 1, DOUBLE = 2, STRING = 3, DECIMAL = 4, BYTES = 5, BOOLEAN = 6,
            SET = 7, ARRAY = 8, LIST = 9;

    private ValueCodec() {}

    public static void writeValue(DataOutput out, Object v) throws IOException {
        switch (v) {
            case null -> out.writeByte(NULL);
            case Long l -> { out.writeByte(LONG); out.writeLong(l); }
            case Integer i -> { out.writeByte(LONG); out.writeLong(i); }
            case Double d -> { out.writeByte(DOUBLE); out.writeDouble(d); }
            case Float f -> { out.writeByte(DOUBLE); out.writeDouble(f); }
            case String s -> { out.writeByte(STRING); writeString(out, s); }
            case BigDecimal d -> {
                out.writeByte(DECIMAL);
                out.writeInt(d.scale());
                byte[] b = d.unscaledValue().toByteArray();
                out.writeInt(b.length);
                out.write(b);
            }
            case byte[] b -> { out.writeByte(BYTES); out.writeInt(b.length); out.write(b); }
            case Boolean b -> { out.writeByte(BOOLEAN); out.writeBoolean(b); }
            case Set<?> s -> writeAll(out, SET, s);
            case Object[] a -> writeAll(out, ARRAY, java.util.Arrays.asList(a));
            case List<?> l -> writeAll(out, LIST, l);
            default -> throw new IOException("cannot encode a value of type " + v.getClass().getName() + ": " + v);
        }
    }

    /**
     * Writes the header of a tagged set of {@code n} values; the caller then writes each with {@link #writeLong} or
     * {@link #writeDouble} — how primitive structures write the same bytes as a boxed set of the same values.
     */
    public static void writeSetHeader(DataOutput out, int n) throws IOException {
        out.writeByte(SET);
        out.writeInt(n);
    }

    /** Writes {@code v} as a tagged long, as {@link #writeValue} writes a {@code Long}, without boxing. */
    public static void writeLong(DataOutput out, long v) throws IOException {
        out.writeByte(LONG);
        out.writeLong(v);
    }

    /** Writes {@code v} as a tagged double, as {@link #writeValue} writes a {@code Double}, without boxing. */
    public static void writeDouble(DataOutput out, double v) throws IOException {
        out.writeByte(DOUBLE);
        out.writeDouble(v);
    }

    private static void writeAll(DataOutput out, byte tag, Collection<?> c) throws IOException {
        out.writeByte(tag);
        out.writeInt(c.size());
        for (Object o : c) writeValue(out, o);
    }

    public static Object readValue(DataInput in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case STRING -> readString(in);
            case DECIMAL -> {
                int scale = in.readInt();
                byte[] b = new byte[checkedLength(in.readInt())];
                in.readFully(b);
                yield new BigDecimal(new BigInteger(b), scale);
            }
            case BYTES -> {
                byte[] b = new byte[checkedLength(in.readInt())];
                in.readFully(b);
                yield b;
            }
            case BOOLEAN -> in.readBoolean();
            case SET -> {
                int n = checkedLength(in.readInt());
                Set<Object> s = new HashSet<>(Math.max(4, n * 2));
                for (int i = 0; i < n; i++) s.add(readValue(in));
                yield s;
            }
            case ARRAY -> {
                Object[] a = new Object[checkedLength(in.readInt())];
                for (int i = 0; i < a.length; i++) a[i] = readValue(in);
                yield a;
            }
            case LIST -> {
                int n = checkedLength(in.readInt());
                List<Object> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) l.add(readValue(in));
                yield l;
            }
            default -> throw new IOException("unknown value tag " + tag + " (corrupt data or written by a newer version)");
        };
    }

    private static int checkedLength(int n) throws IOException {
        if (n < 0 || n > (1 << 30)) throw new IOException("implausible length " + n + " (corrupt data)");
        return n;
    }

    public static void writeString(DataOutput out, String s) throws IOException {
        if (out instanceof BytesOut bytes) {
            bytes.writeUtf8String(s);
            return;
        }
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public static String readString(DataInput in) throws IOException {
        if (in instanceof BytesIn bytes) return bytes.readUtf8String();
        byte[] b = new byte[checkedLength(in.readInt())];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Writes row {@code row} of {@code batch} as a typed row (every column of its schema). */
    public static void writeRow(DataOutput out, Batch batch, int row) throws IOException {
        Schema s = batch.schema;
        for (int c = 0; c < s.size(); c++) {
            boolean isNull = batch.nulls[c][row];
            out.writeBoolean(isNull);
            if (isNull) continue;
            switch (s.field(c).type().storage) {
                case LONG -> out.writeLong(batch.longs[c][row]);
                case DOUBLE -> out.writeDouble(batch.doubles[c][row]);
                case OBJECT -> writeValue(out, batch.getObject(c, row)); // a scaled-long DECIMAL as its BigDecimal
            }
        }
    }

    /** Reads a typed row into row {@code row} of {@code batch} (already added by the caller). */
    public static void readRow(DataInput in, Batch batch, int row) throws IOException {
        Schema s = batch.schema;
        for (int c = 0; c < s.size(); c++) {
            if (in.readBoolean()) {
                batch.setNull(c, row);
                continue;
            }
            switch (s.field(c).type().storage) {
                case LONG -> batch.setLong(c, row, in.readLong());
                case DOUBLE -> batch.setDouble(c, row, in.readDouble());
                case OBJECT -> batch.setObject(c, row, readValue(in));
            }
        }
    }

    /** The storage classes of a schema's columns (the types': a DECIMAL is written as a BigDecimal however it is held). */
    public static ColumnType.Storage[] storageOf(Schema s) {
        ColumnType.Storage[] out = new ColumnType.Storage[s.size()];
        for (int i = 0; i < out.length; i++) out[i] = s.field(i).type().storage;
        return out;
    }
}
