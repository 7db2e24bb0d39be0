package io.laminar.operator.aggregate;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.operator.EmitMode;
import io.laminar.operator.StreamOperator;
import io.laminar.state.KeyRow;
import io.laminar.state.StateStore;
import io.laminar.state.StringPool;

/**
 * Unbounded {@code GROUP BY}. EMIT CHANGES (the default) emits, per input row, {@code +I} for a new group or
 * {@code -U}/{@code +U} for an updated one — row by row, so the changelog does not depend on how input was batched.
 * EMIT EVERY collects changed groups and emits them on the processing-time tick.
 *
 * <p>Over an updating input (built with retracting {@link Aggregators}) a {@code -U}/{@code -D} row is taken back
 * out of its group; a group left with no rows emits {@code -D} of its last row and is evicted, and a retraction for
 * a group that does not exist (its rows were never seen) is ignored, as in Flink.
 */
public final class GroupAggregate implements StreamOperator {
    private static final long NS = 0;

    private final AggregateLayout layout;
    private final Aggregators aggs;
    private final StateStore<GroupState> store;
    private final EmitMode emit;
    private final long everyMillis;
    private final KeyRow probe;
    /** A row always changes a group's result ({@link Aggregators#countsEveryRow}): no -U/+U comparison needed. */
    private final boolean alwaysChanges;
    /** Shares the string fields of the keys of new groups (see {@link StringPool}). */
    private final StringPool keyStrings = new StringPool(10);
    /**
     * Rows warmed at a time ({@link #warm}): enough for the misses of many rows to be in flight together, few
     * enough that what they bring in (some ten lines per row) stays in the second-level cache until used. On q16,
     * 16, 32 and 64 measured within the noise of each other, 64 a little ahead.
     */
    static final int WARM_RUN = 64; // a power of two: a row's place in its run is r & (WARM_RUN - 1)
    /** Batches of fewer rows are not warmed: their misses could not overlap much. */
    private static final int WARM_MIN_ROWS = 4;
    /** Each row of the current run: its key, and its group as {@link #warm} found it (null: not yet made). */
    private final KeyRow[] probes = new KeyRow[WARM_RUN];
    private final GroupState[] found = new GroupState[WARM_RUN];
    /**
     * Whether rows may be looked up ahead ({@link #warm}): only when the store keeps values put
     * ({@link StateStore#valuesStayPut}) and no row removes a group (an append-only input).
     */
    private final boolean looksAhead;
    /** Folds in what {@link #warm} read, so that the JIT keeps the reads. */
    private long warmed;
    /** Whether batches warm: whichever measures faster on this operator's data. */
    private final WarmingChoice warming = new WarmingChoice();
    /** Groups emptied by retractions under EMIT EVERY, deleted after the tick's scan. */
    private final java.util.List<KeyRow> emptied = new java.util.ArrayList<>();


    public GroupAggregate(AggregateLayout layout, Aggregators aggs, StateStore<GroupState> store, EmitMode emit, long everyMillis) {
        this.layout = layout;
        this.aggs = aggs;
        this.store = store;
        this.emit = emit;
        this.everyMillis = everyMillis;
        this.probe = new KeyRow(KeyRow.storageOf(layout.input(), layout.keyColumns()));
        this.alwaysChanges = aggs.countsEveryRow();
        for (int i = 0; i < WARM_RUN; i++) probes[i] = new KeyRow(probe.storage());
        this.looksAhead = store.valuesStayPut() && !aggs.retracting();
    }

    /** A store for this operator's groups from {@code backend}. */
    public static StateStore<GroupState> newStore(io.laminar.state.StateBackend backend, String name, AggregateLayout layout,
                                                  Aggregators aggs) {
        return backend.create(name, KeyRow.storageOf(layout.input(), layout.keyColumns()), aggs.groupStateSerde());
    }

    @Override public void process(Batch in, Batch out) {
        if (!looksAhead || in.size < WARM_MIN_ROWS) {
            fold(in, out, false);
            return;
        }
        boolean timed = warming.timed();
        long start = timed ? System.nanoTime() : 0;
        fold(in, out, warming.warms());
        warming.finish(timed ? System.nanoTime() - start : 0, in.size);
    }

    /** Folds every row of {@code in} into its group, emitting into {@code out}; {@code warm}: runs of rows warmed first. */
    private void fold(Batch in, Batch out, boolean warm) {
        final int[] keys = layout.keyColumns();
        final boolean perRow = emit == EmitMode.CHANGES;
        final boolean retracting = aggs.retracting();
        for (int r = 0; r < in.size; r++) {
            KeyRow p;
            GroupState g;
            if (warm) {
                int i = r & (WARM_RUN - 1);
                if (i == 0) warm(in, keys, r, Math.min(in.size, r + WARM_RUN));
                p = probes[i];
                g = found[i];
                if (g == null) g = store.get(NS, p); // new, or made by an earlier row of the run
            } else {
                p = probe.load(in, keys, r);
                g = store.get(NS, p);
            }
            if (retracting && !RowKind.isAccumulate(in.ops[r])) {
                if (g != null) retract(g, p, in, r, out, perRow);
                continue;
            }
            if (g == null) {
                g = aggs.newGroupState();
                KeyRow key = p.copy(keyStrings);
                store.put(NS, key, g);
                aggs.accumulate(g, in, r);
                if (perRow) layout.write(out, RowKind.INSERT, key, 0, 0, aggs, g);
                else g.dirty = true;
            } else {
                // a group emptied under EMIT EVERY but not yet deleted by a tick comes back as an update of its
                // last emitted row (or as new, if it was never emitted)
                if (perRow) layout.write(out, RowKind.UPDATE_BEFORE, p, 0, 0, aggs, g);
                aggs.accumulate(g, in, r);
                if (perRow) {
                    layout.write(out, RowKind.UPDATE_AFTER, p, 0, 0, aggs, g);
                    // an unchanged result (a MAX the row did not beat) is no change: say nothing, as Flink does
                    if (!alwaysChanges && out.sameValues(out.size - 2, out.size - 1)) out.size -= 2;
                } else {
                    g.dirty = true;
                }
            }
        }
    }

    /**
     * Looks rows {@code from..to} up ahead of folding them: each row's key into its own probe, then its group, then
     * reads the groups' states and distinct sets, then the sets' slots for the rows' values, each in a loop of its
     * own. Each loop's body is short and its rows independent, so the CPU has the cache misses of several rows
     * in flight at once; folded one at a time, a row on a cold group waits for about ten misses one after another
     * (slot, key, state, each distinct set). Only reads; a group found here stays the row's group until it is folded
     * in (the store keeps its values put, and an append-only input removes no group), and a group not found is
     * looked up again then, as an earlier row of the run may have made it.
     */
    private void warm(Batch in, int[] keys, int from, int to) {
        final GroupState[] g = found;
        final KeyRow[] p = probes;
        // keys first, lookups after: a loop of lookups alone is short enough for several rows' misses to overlap
        for (int r = from; r < to; r++) p[r - from].load(in, keys, r);
        for (int i = 0; i < to - from; i++) g[i] = store.get(NS, p[i]);
        long touched = 0;
        for (int i = 0; i < to - from; i++) {
            GroupState s = g[i];
            if (s != null) touched += aggs.warmState(s);
        }
        for (int r = from; r < to; r++) {
            GroupState s = g[r - from];
            if (s != null) touched += aggs.warmValues(s, in, r);
        }
        warmed += touched;
    }

    /** Takes retracted row {@code r} out of group {@code g}, whose key is {@code key}. */
    private void retract(GroupState g, KeyRow key, Batch in, int r, Batch out, boolean perRow) {
        int before = perRow ? layout.write(out, RowKind.UPDATE_BEFORE, key, 0, 0, aggs, g) : -1;
        aggs.retract(g, in, r);
        if (aggs.rowCount(g) > 0) {
            if (perRow) layout.write(out, RowKind.UPDATE_AFTER, key, 0, 0, aggs, g);
            else g.dirty = true;
        } else if (perRow) {
            out.ops[before] = RowKind.DELETE; // the group is gone: its last row is deleted, not updated
            store.remove(NS, key);
        } else {
            g.dirty = true; // the next tick emits -D (if the group was ever emitted) and evicts it
        }
    }

    @Override public void onWatermark(long watermark, Batch out) {
        // unwindowed groups never close; the watermark only flows on
    }

    @Override public void onProcessingTime(long nowMillis, Batch out) {
        if (emit != EmitMode.EVERY) return;
        boolean retracting = aggs.retracting();
        store.forEach(NS, (key, g) -> {
            if (retracting && aggs.rowCount(g) <= 0) {
                if (g.emitted != null) AggregateLayout.writeValues(out, RowKind.DELETE, g.emitted);
                emptied.add(key);
            } else {
                layout.writeIfDirty(out, key, 0, 0, aggs, g);
            }
        });
        for (KeyRow key : emptied) store.remove(NS, key);
        emptied.clear();
    }

    @Override public long timerIntervalMillis() { return emit == EmitMode.EVERY ? everyMillis : 0; }
    @Override public Schema outputSchema() { return layout.output(); }
    @Override public long stateSize() { return store.size(); }

    @Override public void snapshot(java.io.DataOutput out) throws java.io.IOException {
        io.laminar.state.StoreSnapshot.write(out, store, aggs.groupStateSerde());
    }

    @Override public void restore(java.io.DataInput in) throws java.io.IOException {
        io.laminar.state.StoreSnapshot.read(in, store, aggs.groupStateSerde(), probe.storage());
    }

    @Override public void close() { store.close(); }
}
