package io.laminar.state;

import java.io.DataOutput;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte array written through {@link DataOutput}, big-endian like {@link java.io.DataOutputStream} but
 * without its per-call locking and stream layers — snapshots write millions of small values. Reusable:
 * {@link #reset()} keeps the array. Single-threaded.
 */
public final class BytesOut implements DataOutput {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private byte[] buf;
    private int size;

    public BytesOut(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public void reset() { size = 0; }

    public int size() { return size; }

    /** The buffer itself (bytes {@code 0..size()-1} are the ones written); valid until the next write or reset. */
    public byte[] array() { return buf; }

    /** A copy of the bytes written. */
    public byte[] toByteArray() { return Arrays.copyOf(buf, size); }

    private void ensure(int extra) {
        int need = size + extra;
        if (need > buf.length) buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }

    @Override public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override public void write(byte[] b) { write(b, 0, b.length); }

    @Override public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    @Override public void writeBoolean(boolean v) { write(v ? 1 : 0); }
    @Override public void writeByte(int v) { write(v); }

    @Override public void writeShort(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    @Override public void writeChar(int v) { writeShort(v); }

    @Override public void writeInt(int v) {
        ensure(4);
        INT.set(buf, size, v);
        size += 4;
    }

    @Override public void writeLong(long v) {
        ensure(8);
        LONG.set(buf, size, v);
        size += 8;
    }

    @Override public void writeFloat(float v) { writeInt(Float.floatToIntBits(v)); }
    @Override public void writeDouble(double v) { writeLong(Double.doubleToLongBits(v)); }

    @Override public void writeBytes(String s) {
        for (int i = 0; i < s.length(); i++) write(s.charAt(i));
    }

    @Override public void writeChars(String s) {
        for (int i = 0; i < s.length(); i++) writeChar(s.charAt(i));
    }

    /** Modified UTF-8 as {@link java.io.DataOutputStream#writeUTF} writes it (rare: names, not values). */
    @Override public void writeUTF(String s) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(s.length() + 2);
        new java.io.DataOutputStream(b).writeUTF(s);
        write(b.toByteArray());
    }

    /**
     * A string as {@link ValueCodec} lays it out (int length, UTF-8 bytes), encoded straight into the buffer when it
     * is ASCII — snapshots write one string per group and should not allocate a byte array for each.
     */
    public void writeUtf8String(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                writeInt(b.length);
                write(b);
                return;
            }
        }
        ensure(4 + n);
        INT.set(buf, size, n);
        size += 4;
        for (int i = 0; i < n; i++) buf[size++] = (byte) s.charAt(i);
    }
}
