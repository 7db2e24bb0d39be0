package io.laminar.connector.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Splits a character stream into records: lines ended by {@code \n}, {@code \r\n} or {@code \r}. With a quote
 * character (CSV), a line break inside a quoted field stays inside the record; as in RFC 4180 a quote only opens a
 * field at its start (after the delimiter), so a stray quote inside an unquoted field cannot swallow later lines. After {@link #next()}
 * the record is {@code array()[offset() .. offset()+length())}: a slice of the read buffer when it lies inside one
 * fill, else of a copy buffer. The slice is valid until the next call. Single-threaded.
 */
final class RecordReader implements Closeable {
    private final Reader in;
    private final int quote;
    private final int delimiter;
    private final char[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    /** A record ended with '\r' at the end of a fill: a '\n' at the start of the next fill belongs to it. */
    private boolean skipLf;

    private char[] copy = new char[1024];
    private int copyLength;

    private char[] array;
    private int offset;
    private int length;

    private long nextLine = 1;
    private long recordLine;

    // CSV field states
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    /** A quote inside a quoted field: either the first of an escaped pair or the closing quote. */
    private static final int QUOTE_IN_QUOTED = 3;

    /** Records are lines. */
    RecordReader(Reader in, int bufferSize) {
        this(in, -1, -1, bufferSize);
    }

    /** With {@code quote} >= 0, fields that start with it may hold line breaks; {@code delimiter} separates fields. */
    RecordReader(Reader in, int quote, int delimiter, int bufferSize) {
        this.in = in;
        this.quote = quote;
        this.delimiter = delimiter;
        this.buf = new char[bufferSize];
    }

    char[] array() { return array; }
    int offset() { return offset; }
    int length() { return length; }

    /** The 1-based line number on which the current record starts. */
    long line() { return recordLine; }

    /** Reads the next record; false at the end of the input. */
    boolean next() throws IOException {
        copyLength = 0;
        recordLine = nextLine;
        int state = FIELD_START;
        boolean any = false;
        final int q = quote;
        final int d = delimiter;
        while (true) {
            if (pos >= limit && !fill()) {
                if (!any) return false;
                array = copy;
                offset = 0;
                length = copyLength;
                return true;
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            final char[] b = buf;
            final int lim = limit;
            int i = pos;
            boolean ended = false;
            if (q < 0) {
                for (; i < lim; i++) {
                    char c = b[i];
                    if (c == '\n' || c == '\r') {
                        ended = true;
                        break;
                    }
                }
            } else {
                for (; i < lim; i++) {
                    char c = b[i];
                    if (c == '\n' || c == '\r') {
                        if (state != QUOTED) {
                            ended = true;
                            break;
                        }
                        if (c == '\n') nextLine++;
                    } else if (c == q) {
                        state = state == FIELD_START ? QUOTED : state == QUOTED ? QUOTE_IN_QUOTED
                                : state == QUOTE_IN_QUOTED ? QUOTED : UNQUOTED;
                    } else if (c == d) {
                        if (state != QUOTED) state = FIELD_START;
                    } else if (state != QUOTED) {
                        state = UNQUOTED;
                    }
                }
            }
            any = true;
            if (ended) {
                if (copyLength == 0) {
                    array = b;
                    offset = pos;
                    length = i - pos;
                } else {
                    append(b, pos, i - pos);
                    array = copy;
                    offset = 0;
                    length = copyLength;
                }
                nextLine++;
                pos = i + 1;
                if (b[i] == '\r') {
                    if (pos < lim) {
                        if (b[pos] == '\n') pos++;
                    } else {
                        skipLf = true;
                    }
                }
                return true;
            }
            append(b, pos, i - pos);
            pos = i;
        }
    }

    private void append(char[] src, int from, int n) {
        if (copyLength + n > copy.length) copy = Arrays.copyOf(copy, Math.max(copyLength + n, copy.length * 2));
        System.arraycopy(src, from, copy, copyLength, n);
        copyLength += n;
    }

    private boolean fill() throws IOException {
        if (eof) return false;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override public void close() throws IOException {
        in.close();
    }
}
