package io.laminar.operator.window;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.operator.StreamOperator;
import io.laminar.state.HeapStateStore;
import io.laminar.state.KeyRow;
import io.laminar.state.StateSerde;
import io.laminar.state.StateStore;
import io.laminar.state.StoreSnapshot;
import io.laminar.state.ValueCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The SESSION window table function without aggregation: every row comes out once, with the bounds of the session
 * it finally belongs to (sessions overlapping or touching merge, as in {@link SessionWindowAggregate}). Because a later row can still extend or merge a session, rows are held per key (the
 * function's {@code DESCRIPTOR(key)} columns; one global session stream without it) until the watermark passes the
 * session's end plus the allowed lateness, then emitted with {@code window_start}/{@code window_end} appended.
 * Append-only by construction. State is the held rows; it empties as sessions close.
 */
public final class SessionAssign implements StreamOperator {
    private static final long NS = 0;

    private final Schema input;
    private final Schema output;
    private final int[] keyColumns;
    private final long gap;
    private final int timeColumn;
    private final long lateness;
    private final StateStore<KeySessions> store = new HeapStateStore<>();
    private final SessionTimers timers = new SessionTimers();
    private final KeyRow probe;
    private long watermark = Long.MIN_VALUE;
    private long lateDropped;
    private long heldRows;

    /** One open session: its bounds and the rows it holds, in arrival order. */
    private static final class Session extends SessionTimers.Span {
        final Batch rows;

        Session(long start, long end, Schema schema) {
            super(start, end);
            this.rows = new Batch(schema, 8);
        }
    }

    private static final class KeySessions {
        final KeyRow key;
        final List<Session> sessions = new ArrayList<>(2);

        KeySessions(KeyRow key) { this.key = key; }
    }


    /**
     * @param output the input columns followed by window_start and window_end (TIMESTAMP)
     */
    public SessionAssign(Schema input, Schema output, int[] keyColumns, long gap, int timeColumn, long lateness) {
        this.input = input;
        this.output = output;
        this.keyColumns = keyColumns;
        this.gap = gap;
        this.timeColumn = timeColumn;
        this.lateness = lateness;
        this.probe = new KeyRow(KeyRow.storageOf(input, keyColumns));
    }

    @Override public void process(Batch in, Batch out) {
        final long closedUpTo = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - lateness;
        for (int r = 0; r < in.size; r++) {
            if (in.nulls[timeColumn][r]) {
                lateDropped++;
                continue;
            }
            long start = in.longs[timeColumn][r], end = start + gap;
            if (start < closedUpTo) {
                lateDropped++;
                continue;
            }
            probe.load(in, keyColumns, r);
            KeySessions ks = store.get(NS, probe);
            if (ks == null) {
                ks = new KeySessions(probe.copy());
                store.put(NS, ks.key, ks);
            }
            Session target = null;
            long startWhenFound = Long.MIN_VALUE; // a timer naming a session's current start always exists
            List<Session> list = ks.sessions;
            for (int i = 0; i < list.size(); ) {
                Session s = list.get(i);
                if (s.start <= end && start <= s.end) {
                    if (target == null) {
                        target = s;
                        startWhenFound = s.start;
                        i++;
                    } else { // the row bridges two sessions: fold the later one into the first
                        for (int k = 0; k < s.rows.size; k++) target.rows.appendRow(s.rows, k, RowKind.INSERT);
                        target.start = Math.min(target.start, s.start);
                        target.end = Math.max(target.end, s.end);
                        list.remove(i);
                    }
                } else {
                    i++;
                }
            }
            if (target == null) {
                target = new Session(start, end, input);
                list.add(target);
            } else {
                target.start = Math.min(target.start, start);
                target.end = Math.max(target.end, end);
            }
            target.rows.appendRow(in, r, RowKind.INSERT);
            heldRows++;
            if (target.start != startWhenFound) timers.add(target.end, target.start, ks.key); // none for a longer end
        }
    }

    @Override public void onWatermark(long newWatermark, Batch out) {
        if (newWatermark <= watermark) return;
        watermark = newWatermark;
        long upTo = newWatermark - lateness;
        int inCols = input.size();
        for (SessionTimers.Timer t; (t = timers.pollDueBefore(upTo)) != null; ) {
            KeySessions ks = store.get(NS, t.key);
            if (ks == null) continue;
            List<Session> list = ks.sessions;
            int i = timers.closingIndex(t, list, upTo);
            if (i < 0) continue;
            Session s = list.get(i);
            for (int k = 0; k < s.rows.size; k++) {
                int o = out.addRow(RowKind.INSERT);
                for (int c = 0; c < inCols; c++) out.copyValue(c, o, s.rows, c, k);
                out.setLong(inCols, o, s.start);
                out.setLong(inCols + 1, o, s.end);
            }
            heldRows -= s.rows.size;
            list.remove(i);
            if (list.isEmpty()) store.remove(NS, t.key);
        }
    }

    @Override public Schema outputSchema() { return output; }

    /**
     * Layout: {@code long watermark, long lateDropped}, then the store, each key's sessions as
     * {@code int n, n x (long start, long end, int rows, rows x typed row)}. Timers are rebuilt from session ends.
     */
    @Override public void snapshot(java.io.DataOutput out) throws java.io.IOException {
        out.writeLong(watermark);
        out.writeLong(lateDropped);
        StoreSnapshot.write(out, store, serde);
    }

    @Override public void restore(java.io.DataInput in) throws java.io.IOException {
        watermark = in.readLong();
        lateDropped = in.readLong();
        StoreSnapshot.read(in, store, serde, probe.storage());
        timers.clear();
        heldRows = 0;
        store.forEachEntry((ns, key, ks) -> {
            for (Session s : ks.sessions) {
                timers.add(s.end, s.start, ks.key);
                heldRows += s.rows.size;
            }
        });
    }

    private final StateSerde<KeySessions> serde = new StateSerde<>() {
        @Override public void write(java.io.DataOutput out, KeySessions ks) throws java.io.IOException {
            ks.key.write(out);
            out.writeInt(ks.sessions.size());
            for (Session s : ks.sessions) {
                out.writeLong(s.start);
                out.writeLong(s.end);
                out.writeInt(s.rows.size);
                for (int r = 0; r < s.rows.size; r++) ValueCodec.writeRow(out, s.rows, r);
            }
        }

        @Override public KeySessions read(java.io.DataInput in) throws java.io.IOException {
            KeySessions ks = new KeySessions(KeyRow.read(in, probe.storage()));
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                Session s = new Session(in.readLong(), in.readLong(), input);
                int rows = in.readInt();
                for (int r = 0; r < rows; r++) ValueCodec.readRow(in, s.rows, s.rows.addRow(RowKind.INSERT));
                ks.sessions.add(s);
            }
            return ks;
        }
    };
    @Override public long stateSize() { return heldRows; }
    @Override public long lateRowsDropped() { return lateDropped; }
}
