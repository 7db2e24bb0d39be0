package io.laminar.connector.files;

import io.laminar.ConnectorException;
import io.laminar.ErrorCode;
import io.laminar.connector.SinkConnector;
import io.laminar.data.Batch;
import io.laminar.format.RowEncoder;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a stream's rows to one file, one encoded record per line, replacing the file's contents. Rows are encoded
 * into a builder and handed to the writer in chunks of about {@value #CHUNK_CHARS} characters; {@link #flush()}
 * pushes everything to the operating system. A path ending in {@code .gz} is gzip-compressed. Single-threaded.
 */
public final class FilesSink implements SinkConnector {
    static final int CHUNK_CHARS = 1 << 15;

    private final String sinkName;
    private final Path path;
    private final RowEncoder encoder;
    private final Writer writer;
    private final StringBuilder pending = new StringBuilder(CHUNK_CHARS + 1024);
    private char[] chunk = new char[CHUNK_CHARS + 1024];
    private long rowsWritten;
    private boolean closed;

    public FilesSink(String sinkName, Path path, RowEncoder encoder) {
        this.sinkName = sinkName;
        this.path = path;
        this.encoder = encoder;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            var out = Files.newOutputStream(path);
            writer = new OutputStreamWriter(path.getFileName().toString().endsWith(".gz")
                    ? new GZIPOutputStream(out, 1 << 16) : out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failure("cannot create", e);
        }
        String header = encoder.header();
        if (header != null) pending.append(header).append('\n');
    }

    public Path path() { return path; }
    public long rowsWritten() { return rowsWritten; }

    @Override public void write(Batch batch) throws IOException {
        StringBuilder sb = pending;
        for (int r = 0; r < batch.size; r++) {
            encoder.encode(batch, r, sb);
            sb.append('\n');
            if (sb.length() >= CHUNK_CHARS) drain();
        }
        rowsWritten += batch.size;
    }

    private void drain() throws IOException {
        int n = pending.length();
        if (n == 0) return;
        if (chunk.length < n) chunk = new char[n];
        pending.getChars(0, n, chunk, 0);
        writer.write(chunk, 0, n);
        pending.setLength(0);
    }

    @Override public void flush() throws IOException {
        if (closed) return;
        drain();
        writer.flush();
    }

    @Override public void close() throws IOException {
        if (closed) return;
        try {
            drain();
            writer.close();
        } finally {
            closed = true;
        }
    }

    private ConnectorException failure(String what, IOException e) {
        return new ConnectorException(ErrorCode.CONNECTOR, "FILES sink " + sinkName + " " + what + " " + path + ": "
                + e.getMessage(), Map.of("object", sinkName, "path", path.toString()), e);
    }

    @Override public String toString() {
        return "#<laminar files-sink {:sink " + sinkName + ", :path \"" + path + "\", :rows " + rowsWritten + "}>";
    }
}
