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
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a stream's rows to one file, one encoded record per line. Rows are encoded into a builder and handed to
 * the writer in chunks of about {@value #CHUNK_CHARS} characters. A path ending in {@code .gz} is gzip-compressed.
 * Single-threaded (the delivery thread).
 *
 * <p>Two modes. <b>Direct</b> (a database without a directory): the file is replaced when the sink is created and
 * rows go straight into it; {@link #flush()} pushes them to the operating system. <b>Transactional</b>
 * ({@link #transactional}, a database with checkpoints): the rows of each epoch go to a hidden staging file next to
 * the target ({@code .out.jsonl.staging}); at the checkpoint barrier the staging file is fsynced and renamed to
 * {@code .out.jsonl.<epoch>.pending} (pre-commit); when the checkpoint's manifest is durable its contents are
 * appended to the target and fsynced (commit), after truncating the target to the length the transaction recorded,
 * so a commit interrupted by a crash is simply redone on recovery. Readers of the target only ever see committed
 * rows; after any crash the target holds exactly the rows of the checkpoints that completed.
 */
public final class FilesSink implements SinkConnector {
    static final int CHUNK_CHARS = 1 << 15;

    private final String sinkName;
    private final Path path;
    private final RowEncoder encoder;
    private final boolean transactional;
    private final boolean gzip;
    private Writer writer;
    private final StringBuilder pending = new StringBuilder(CHUNK_CHARS + 1024);
    private char[] chunk = new char[CHUNK_CHARS + 1024];
    private long rowsWritten;
    private boolean closed;
    /** Transactional: the target's length once every pre-committed epoch is committed. */
    private long committedLength;

    public FilesSink(String sinkName, Path path, RowEncoder encoder) {
        this(sinkName, path, encoder, false);
        try {
            createParent();
            writer = open(Files.newOutputStream(path));
        } catch (IOException e) {
            throw failure("cannot create", e);
        }
        String header = encoder.header();
        if (header != null) pending.append(header).append('\n');
    }

    private FilesSink(String sinkName, Path path, RowEncoder encoder, boolean transactional) {
        this.sinkName = sinkName;
        this.path = path;
        this.encoder = encoder;
        this.transactional = transactional;
        this.gzip = path.getFileName().toString().endsWith(".gz");
    }

    /** A two-phase-commit sink: touches no file until {@link #recover} says where the target stands. */
    public static FilesSink transactional(String sinkName, Path path, RowEncoder encoder) {
        return new FilesSink(sinkName, path, encoder, true);
    }

    private void createParent() throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
    }

    private Writer open(java.io.OutputStream out) throws IOException {
        return new OutputStreamWriter(gzip ? new GZIPOutputStream(out, 1 << 16) : out, StandardCharsets.UTF_8);
    }

    public Path path() { return path; }
    public long rowsWritten() { return rowsWritten; }

    @Override public boolean isTransactional() { return transactional; }

    @Override public void write(Batch batch) throws IOException {
        if (transactional && writer == null) writer = open(Files.newOutputStream(stagingPath()));
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
        if (closed || writer == null) return;
        drain();
        writer.flush();
    }

    @Override public void close() throws IOException {
        if (closed) return;
        try {
            if (writer != null) {
                drain();
                writer.close();
            }
        } finally {
            closed = true;
        }
    }

    // ---- two-phase commit

    private Path sibling(String suffix) {
        Path dir = path.toAbsolutePath().getParent();
        return dir.resolve("." + path.getFileName() + suffix);
    }

    Path stagingPath() { return sibling(".staging"); }

    Path pendingPath(long epoch) { return sibling("." + epoch + ".pending"); }

    /** {@code epoch=E;start=S;size=N}: commit appends N bytes of the pending file at offset S of the target. */
    private record Txn(long epoch, long start, long size) {
        static Txn parse(String s) {
            Map<String, Long> m = new java.util.HashMap<>();
            for (String part : s.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) m.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
            }
            return new Txn(m.get("epoch"), m.get("start"), m.get("size"));
        }

        @Override public String toString() { return "epoch=" + epoch + ";start=" + start + ";size=" + size; }
    }

    @Override public String preCommit(long epoch) throws IOException {
        long start = committedLength;
        long size = 0;
        if (writer != null) {
            drain();
            writer.close(); // ends the gzip member too
            writer = null;
            Path staged = stagingPath();
            fsync(staged);
            Path pendingFile = pendingPath(epoch);
            Files.move(staged, pendingFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsyncDirectory();
            size = Files.size(pendingFile);
        }
        committedLength = start + size;
        return new Txn(epoch, start, size).toString();
    }

    @Override public void commit(long epoch, String transaction) throws IOException {
        Txn t = Txn.parse(transaction);
        if (t.size == 0) return;
        Path pendingFile = pendingPath(t.epoch);
        if (!Files.exists(pendingFile)) {
            long have = Files.exists(path) ? Files.size(path) : -1;
            if (have >= t.start + t.size) return; // committed before (a redo after a crash)
            throw new ConnectorException(ErrorCode.CONNECTOR, "FILES sink " + sinkName + ": epoch " + t.epoch
                    + " cannot be committed: its staged file " + pendingFile + " is missing and " + path + " holds "
                    + have + " bytes, fewer than the " + (t.start + t.size) + " the checkpoint recorded",
                    Map.of("object", sinkName, "path", pendingFile.toString()), null);
        }
        try (FileChannel target = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileChannel from = FileChannel.open(pendingFile, StandardOpenOption.READ)) {
            target.truncate(t.start); // a half-done earlier attempt is overwritten
            long done = 0;
            while (done < t.size) done += target.transferFrom(from, t.start + done, t.size - done);
            target.force(true);
        }
        Files.delete(pendingFile);
    }

    @Override public void rollback(long epoch, String transaction) throws IOException {
        Txn t = Txn.parse(transaction);
        Files.deleteIfExists(pendingPath(t.epoch));
        if (committedLength == t.start + t.size) committedLength = t.start;
    }

    @Override public void recover(long epoch, String transaction) throws IOException {
        createParent();
        if (writer != null) {
            writer.close();
            writer = null;
        }
        pending.setLength(0);
        Files.deleteIfExists(stagingPath());
        if (transaction == null) {
            deletePendingExcept(-1);
            try (Writer w = open(Files.newOutputStream(path))) {
                String header = encoder.header();
                if (header != null) w.write(header + "\n");
            }
            fsync(path);
            committedLength = Files.size(path);
            return;
        }
        Txn t = Txn.parse(transaction);
        commit(t.epoch, transaction);
        long length = t.start + t.size;
        try (FileChannel target = FileChannel.open(path, StandardOpenOption.WRITE)) {
            if (target.size() > length) {
                target.truncate(length);
                target.force(true);
            }
        }
        committedLength = length;
        deletePendingExcept(-1);
    }

    private void deletePendingExcept(long keep) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        String prefix = "." + path.getFileName() + ".";
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && n.endsWith(".pending") && !p.equals(pendingPath(keep))) Files.deleteIfExists(p);
            }
        }
    }

    private static void fsync(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private void fsyncDirectory() {
        try (FileChannel d = FileChannel.open(path.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // not every file system lets a directory be opened for fsync
        }
    }

    private ConnectorException failure(String what, IOException e) {
        return new ConnectorException(ErrorCode.CONNECTOR, "FILES sink " + sinkName + " " + what + " " + path + ": "
                + e.getMessage(), Map.of("object", sinkName, "path", path.toString()), e);
    }

    @Override public String toString() {
        return "#<laminar files-sink {:sink " + sinkName + ", :path \"" + path + "\", :rows " + rowsWritten
                + (transactional ? ", :transactional true" : "") + "}>";
    }
}
