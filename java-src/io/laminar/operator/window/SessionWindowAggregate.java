package io.laminar.operator.window;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.operator.EmitMode;
import io.laminar.operator.StreamOperator;
import io.laminar.operator.aggregate.AggregateLayout;
import io.laminar.operator.aggregate.Aggregators;
import io.laminar.operator.aggregate.GroupState;
import io.laminar.state.StateBackend;
import io.laminar.state.StateSerde;
import io.laminar.state.KeyRow;
import io.laminar.state.StateStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Aggregation over SESSION windows: per key, a row at time {@code t} opens {@code [t, t + gap)}; sessions that
 * overlap or touch merge (their accumulators merge too) — a row exactly {@code gap} after the previous one still
 * belongs to its session, as in Flink and Kafka Streams. A session fires when the watermark passes its end plus the
 * allowed lateness (strictly: a row at the end itself may still arrive and extend it). {@link SessionTimers} drive
 * firing: one per session, so a row that only extends a session allocates nothing.
 *
 * <p>EMIT CHANGES: a session that grows keeps its start and is re-emitted as -U/+U; sessions swallowed by a merge
 * are retracted with -D and the merged session inserted with +I. EMIT EVERY: on each tick, the sessions that changed
 * since the last one (-U of the row last emitted, then +U; +I the first time); a session swallowed by a merge is
 * retracted with -D; the final value when the session closes.
 */
public final class SessionWindowAggregate implements StreamOperator {
    private static final long NS = 0;

    private final AggregateLayout layout;
    private final Aggregators aggs;
    private final long gap;
    private final int timeColumn;
    private final long lateness;
    private final EmitMode emit;
    private final long everyMillis;
    private final StateStore<KeySessions> store;
    private final SessionTimers timers = new SessionTimers();
    private final KeyRow probe;
    private long watermark = Long.MIN_VALUE;
    private long lateDropped;
    private long sessions;

    static final class Session extends SessionTimers.Span {
        final GroupState group; // accumulators, and for EMIT EVERY the row last emitted

        Session(long start, long end, GroupState group) {
            super(start, end);
            this.group = group;
        }
    }

    /** The open sessions of one key, with the stored (never mutated) key timers refer to. */
    private static final class KeySessions {
        final KeyRow key;
        final List<Session> sessions = new ArrayList<>(2);

        KeySessions(KeyRow key) { this.key = key; }
    }

    public SessionWindowAggregate(AggregateLayout layout, Aggregators aggs, long gap, int timeColumn, long lateness,
                                  EmitMode emit, long everyMillis) {
        this(layout, aggs, gap, timeColumn, lateness, emit, everyMillis, StateBackend.HEAP, "session-aggregate");
    }

    public SessionWindowAggregate(AggregateLayout layout, Aggregators aggs, long gap, int timeColumn, long lateness,
                                  EmitMode emit, long everyMillis, StateBackend backend, String name) {
        this.everyMillis = everyMillis;
        this.layout = layout;
        this.aggs = aggs;
        this.gap = gap;
        this.timeColumn = timeColumn;
        this.lateness = emit == EmitMode.FINAL ? 0 : lateness;
        this.emit = emit;
        this.probe = new KeyRow(KeyRow.storageOf(layout.input(), layout.keyColumns()));
        this.serde = sessionsSerde(aggs, probe.storage());
        this.store = backend.create(name, probe.storage(), serde);
    }

    private final StateSerde<KeySessions> serde;

    /** A key's sessions: {@code key, int n, n x (long start, long end, accumulators)}. */
    private static StateSerde<KeySessions> sessionsSerde(Aggregators aggs, io.laminar.data.ColumnType.Storage[] keyStorage) {
        StateSerde<GroupState> groups = aggs.groupStateSerde();
        return new StateSerde<>() {
            @Override public void write(java.io.DataOutput out, KeySessions ks) throws java.io.IOException {
                ks.key.write(out);
                out.writeInt(ks.sessions.size());
                for (Session s : ks.sessions) {
                    out.writeLong(s.start);
                    out.writeLong(s.end);
                    groups.write(out, s.group);
                }
            }

            @Override public KeySessions read(java.io.DataInput in) throws java.io.IOException {
                KeySessions ks = new KeySessions(KeyRow.read(in, keyStorage));
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    long start = in.readLong(), end = in.readLong();
                    ks.sessions.add(new Session(start, end, groups.read(in)));
                }
                return ks;
            }
        };
    }

    @Override public void process(Batch in, Batch out) {
        final int[] keys = layout.keyColumns();
        final boolean perRow = emit == EmitMode.CHANGES;
        final long closedUpTo = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - lateness;
        for (int r = 0; r < in.size; r++) {
            if (in.nulls[timeColumn][r]) {
                lateDropped++;
                continue;
            }
            long ts = in.longs[timeColumn][r];
            long start = ts, end = ts + gap;
            if (start < closedUpTo) {
                lateDropped++;
                continue;
            }
            probe.load(in, keys, r);
            KeySessions ks = store.get(NS, probe);
            if (ks == null) {
                ks = new KeySessions(probe.copy());
                store.put(NS, ks.key, ks);
            }
            final KeyRow key = ks.key;
            final List<Session> list = ks.sessions;
            // find the sessions [s, e) that overlap [start, end)
            Session target = null;
            long startWhenFound = Long.MIN_VALUE; // a timer naming a session's current start always exists
            for (int i = 0; i < list.size(); ) {
                Session s = list.get(i);
                if (s.start <= end && start <= s.end) {
                    if (target == null) {
                        target = s;
                        startWhenFound = s.start;
                        if (perRow) layout.write(out, RowKind.UPDATE_BEFORE, key, s.start, s.end, aggs, s.group);
                        i++;
                    } else {
                        if (perRow) layout.write(out, RowKind.DELETE, key, s.start, s.end, aggs, s.group);
                        else if (s.group.emitted != null) AggregateLayout.writeValues(out, RowKind.DELETE, s.group.emitted);
                        aggs.merge(target.group, s.group);
                        target.start = Math.min(target.start, s.start);
                        target.end = Math.max(target.end, s.end);
                        list.remove(i);
                        sessions--;
                    }
                } else {
                    i++;
                }
            }
            boolean inserted = target == null;
            if (inserted) {
                target = new Session(start, end, aggs.newGroupState());
                list.add(target);
                sessions++;
            } else {
                target.start = Math.min(target.start, start);
                target.end = Math.max(target.end, end);
            }
            aggs.accumulate(target.group, in, r);
            target.group.dirty = true;
            if (perRow) {
                layout.write(out, inserted ? RowKind.INSERT : RowKind.UPDATE_AFTER, key, target.start, target.end, aggs, target.group);
            }
            // a new session, or one whose start moved earlier (a late row, or a merge: a timer naming the new start
            // may exist already, a duplicate is harmless), needs a timer naming its start; a longer end needs none
            if (target.start != startWhenFound) timers.add(target.end, target.start, key);
        }
    }

    @Override public void onWatermark(long newWatermark, Batch out) {
        if (newWatermark <= watermark) return;
        watermark = newWatermark;
        long upTo = watermark - lateness;
        for (SessionTimers.Timer t; (t = timers.pollDueBefore(upTo)) != null; ) {
            KeySessions ks = store.get(NS, t.key);
            if (ks == null) continue;
            List<Session> list = ks.sessions;
            int i = timers.closingIndex(t, list, upTo);
            if (i < 0) continue;
            Session s = list.get(i);
            switch (emit) {
                case ON_WINDOW_CLOSE, FINAL -> layout.write(out, RowKind.INSERT, t.key, s.start, s.end, aggs, s.group);
                case EVERY -> layout.writeIfDirty(out, t.key, s.start, s.end, aggs, s.group);
                case CHANGES -> { } // every change was emitted as it happened
            }
            list.remove(i);
            sessions--;
            if (list.isEmpty()) store.remove(NS, t.key);
        }
    }

    /** EMIT EVERY: the open sessions that changed since the last tick, as -U (last emitted) / +U or +I. */
    @Override public void onProcessingTime(long nowMillis, Batch out) {
        if (emit != EmitMode.EVERY) return;
        store.forEach(NS, (key, ks) -> {
            for (Session s : ks.sessions) layout.writeIfDirty(out, key, s.start, s.end, aggs, s.group);
        });
    }

    @Override public long timerIntervalMillis() { return emit == EmitMode.EVERY ? everyMillis : 0; }

    @Override public Schema outputSchema() { return layout.output(); }
    @Override public long stateSize() { return sessions; }
    @Override public long lateRowsDropped() { return lateDropped; }

    /**
     * Layout: {@code long watermark, long lateDropped}, then the store. Timers are not written: they are rebuilt
     * from the sessions' ends on restore (a fired session is gone from the store, so nothing fires twice).
     */
    @Override public void snapshot(java.io.DataOutput out) throws java.io.IOException {
        out.writeLong(watermark);
        out.writeLong(lateDropped);
        io.laminar.state.StoreSnapshot.write(out, store, serde);
    }

    @Override public void restore(java.io.DataInput in) throws java.io.IOException {
        watermark = in.readLong();
        lateDropped = in.readLong();
        io.laminar.state.StoreSnapshot.read(in, store, serde, probe.storage());
        timers.clear();
        sessions = 0;
        store.forEachEntry((ns, key, ks) -> {
            // the stored key object is the one timers must refer to (store.get(NS, t.key) after restore)
            for (Session s : ks.sessions) {
                timers.add(s.end, s.start, ks.key);
                sessions++;
            }
        });
    }

    @Override public void close() { store.close(); }
}
