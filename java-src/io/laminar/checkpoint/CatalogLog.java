package io.laminar.checkpoint;

import io.laminar.wal.FsyncPolicy;
import io.laminar.wal.WalRecordDescriptor;
import io.laminar.wal.WriteAheadLog;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The statements that built a database's catalog, in order, so that opening its directory recreates every object
 * (the decision for step 4: the catalog persists in the directory; re-running a script with {@code run --dir}
 * matches its statements against this log). Stored as {@link WalRecordDescriptor#TYPE_STATEMENT} records in
 * {@code DIR/catalog/}, each fsynced before the statement returns; a torn last record is cut like any WAL tail.
 *
 * <p>Two kinds: {@link #REPLAY} statements (CREATE, DROP, SET, INSERT INTO a table) are executed again on open;
 * {@link #MATCH_ONLY} statements (INSERT INTO a MEMORY source, whose rows the WAL holds) are only matched.
 */
public final class CatalogLog implements AutoCloseable {
    public static final byte REPLAY = 1;
    public static final byte MATCH_ONLY = 2;

    /** One logged statement. */
    public record Entry(byte kind, String text) {}

    private final WriteAheadLog log;
    private final List<Entry> entries = new ArrayList<>();

    public CatalogLog(Path dir, Consumer<String> report) {
        log = WriteAheadLog.open(dir, 64L << 20, FsyncPolicy.BATCH, report);
        log.replay(log.firstPosition(), (pos, type, payload) -> {
            if (type != WalRecordDescriptor.TYPE_STATEMENT) return;
            byte kind = payload.get();
            byte[] text = new byte[payload.remaining()];
            payload.get(text);
            entries.add(new Entry(kind, new String(text, StandardCharsets.UTF_8)));
        });
    }

    /** The statements logged before this open, in order. */
    public List<Entry> entries() { return List.copyOf(entries); }

    /** Appends and fsyncs a statement. */
    public void append(byte kind, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(kind);
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] b = bytes.toByteArray();
        long end = log.append(WalRecordDescriptor.TYPE_STATEMENT, b, 0, b.length);
        log.sync(end);
        entries.add(new Entry(kind, text));
    }

    @Override public void close() { log.close(); }
}
