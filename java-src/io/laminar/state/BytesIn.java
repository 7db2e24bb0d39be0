package io.laminar.state;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads what {@link BytesOut} (or a {@link java.io.DataOutputStream}) wrote, straight from a byte array: no locks,
 * no stream layers. Running past the end throws {@link EOFException} (a truncated snapshot). Single-threaded.
 */
public final class BytesIn implements DataInput {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private final byte[] buf;
    private int pos;
    private final int limit;

    public BytesIn(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public BytesIn(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    public int remaining() { return limit - pos; }

    private void need(int n) throws EOFException {
        if (limit - pos < n) throw new EOFException("snapshot data ends " + (n - (limit - pos)) + " bytes too early");
    }

    @Override public void readFully(byte[] b) throws IOException { readFully(b, 0, b.length); }

    @Override public void readFully(byte[] b, int off, int len) throws IOException {
        need(len);
        System.arraycopy(buf, pos, b, off, len);
        pos += len;
    }

    @Override public int skipBytes(int n) {
        int k = Math.min(n, limit - pos);
        pos += k;
        return k;
    }

    @Override public boolean readBoolean() throws IOException { return readByte() != 0; }

    @Override public byte readByte() throws IOException {
        need(1);
        return buf[pos++];
    }

    @Override public int readUnsignedByte() throws IOException { return readByte() & 0xff; }

    @Override public short readShort() throws IOException {
        need(2);
        short v = (short) (((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff));
        pos += 2;
        return v;
    }

    @Override public int readUnsignedShort() throws IOException { return readShort() & 0xffff; }
    @Override public char readChar() throws IOException { return (char) readShort(); }

    @Override public int readInt() throws IOException {
        need(4);
        int v = (int) INT.get(buf, pos);
        pos += 4;
        return v;
    }

    @Override public long readLong() throws IOException {
        need(8);
        long v = (long) LONG.get(buf, pos);
        pos += 8;
        return v;
    }

    @Override public float readFloat() throws IOException { return Float.intBitsToFloat(readInt()); }
    @Override public double readDouble() throws IOException { return Double.longBitsToDouble(readLong()); }

    @Override public String readLine() {
        throw new UnsupportedOperationException("snapshots hold no text lines");
    }

    @Override public String readUTF() throws IOException { return DataInputStream.readUTF(this); }

    /** A string written by {@link BytesOut#writeUtf8String}, decoded from the buffer without a copy in between. */
    public String readUtf8String() throws IOException {
        int n = readInt();
        if (n < 0) throw new IOException("negative string length " + n + " (corrupt data)");
        need(n);
        String s = new String(buf, pos, n, java.nio.charset.StandardCharsets.UTF_8);
        pos += n;
        return s;
    }
}
