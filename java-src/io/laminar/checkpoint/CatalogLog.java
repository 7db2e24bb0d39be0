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
 * {@link #MATCH_ONLY} statements (INSERT INTO a MEMORY source, whose rows the WAL holds) are only matched. An INSERT
 * is logged as {@link #MATCH_ONLY_WITH_ID} with the id its rows carry in the WAL
 * ({@link WalRecordDescriptor#TYPE_STATEMENT_ROWS}): its rows reach the WAL before the statement reaches this log,
 * and rows whose statement never got here (the process died in between) are not replayed — the rerun runs it once.
 *
 * <p>Record payload: {@code byte kind, [long statement id when kind is MATCH_ONLY_WITH_ID], UTF-8 text}.
 */
public final class CatalogLog implements AutoCloseable {
    public static final byte REPLAY = 1;
    public static final byte MATCH_ONLY = 2;
    /** A MATCH_ONLY statement whose WAL rows carry its id. */
    public static final byte MATCH_ONLY_WITH_ID = 3;

    /** One logged statement; {@code statementId} is 0 unless the kind is MATCH_ONLY_WITH_ID. */
    public record Entry(byte kind, long statementId, String text) {
        /** Executed again on open (as opposed to only matched against a rerun script). */
        public boolean replays() { return kind == REPLAY; }
    }

    private final WriteAheadLog log;
    private final List<Entry> entries = new ArrayList<>();
    private final java.util.Set<Long> statementIds = new java.util.HashSet<>();

    public CatalogLog(Path dir, Consumer<String> report) {
        log = WriteAheadLog.open(dir, 64L << 20, FsyncPolicy.BATCH, report);
        log.replay(log.firstPosition(), (pos, type, payload) -> {
            if (type != WalRecordDescriptor.TYPE_STATEMENT) return;
            byte kind = payload.get();
            long id = kind == MATCH_ONLY_WITH_ID ? payload.getLong() : 0;
            byte[] text = new byte[payload.remaining()];
            payload.get(text);
            entries.add(new Entry(kind, id, new String(text, StandardCharsets.UTF_8)));
            if (id != 0) statementIds.add(id);
        });
    }

    /** The statements logged before this open, in order. */
    public List<Entry> entries() { return List.copyOf(entries); }

    /** How many statements are logged: the index the next one gets (a source's incarnation is its CREATE's index). */
    public int size() { return entries.size(); }

    /** Whether the INSERT statement {@code id} is logged, i.e. its WAL rows count. */
    public boolean hasStatement(long id) { return statementIds.contains(id); }

    /** A fresh id for an INSERT's rows (random: ids of statements that died unlogged must never come back). */
    public static long newStatementId() {
        long id;
        do {
            id = java.util.concurrent.ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return id;
    }

    /** Appends and fsyncs a statement. */
    public void append(byte kind, String text) {
        append(kind, 0, text);
    }

    /** Appends and fsyncs a statement; {@code statementId} is written for {@link #MATCH_ONLY_WITH_ID}. */
    public void append(byte kind, long statementId, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(kind);
            if (kind == MATCH_ONLY_WITH_ID) out.writeLong(statementId);
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] b = bytes.toByteArray();
        long end = log.append(WalRecordDescriptor.TYPE_STATEMENT, b, 0, b.length);
        log.sync(end);
        entries.add(new Entry(kind, statementId, text));
        if (kind == MATCH_ONLY_WITH_ID) statementIds.add(statementId);
    }

    @Override public void close() { log.close(); }
}
