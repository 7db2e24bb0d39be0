package io.laminar.operator.window;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.operator.EmitMode;
import io.laminar.operator.StreamOperator;
import io.laminar.operator.aggregate.GroupState;
import io.laminar.operator.aggregate.AggregateLayout;
import io.laminar.operator.aggregate.Aggregators;
import io.laminar.state.StateBackend;
import io.laminar.state.KeyRow;
import io.laminar.state.StateStore;

/**
 * Aggregation over TUMBLE, HOP and CUMULATE windows, with window assignment fused in: each input row is folded
 * into every window that contains its event time, keyed by (window end, group key). State is namespaced by window
 * end, so when the watermark passes {@code end + allowedLateness} a window is fired (per the emit mode) and
 * evicted in one sweep — state stays bounded on an endless stream. On the heap backend the keys and states of an
 * evicted window are kept for the groups of later windows, so a steady stream of windows allocates nothing per group.
 */
public final class WindowAggregate implements StreamOperator {
    private final AggregateLayout layout;
    private final Aggregators aggs;
    private final WindowSpec window;
    private final int timeColumn;
    private final long lateness;
    private final EmitMode emit;
    private final long everyMillis;
    private final StateStore<GroupState> store;
    private final KeyRow probe;
    private final long[] ends;
    private long watermark = Long.MIN_VALUE;
    private long lateDropped;
    /**
     * Keys and states of evicted windows, ready for new groups (heap backend only: a heap store holds the very
     * objects it was given, and nothing else keeps them once their window is evicted).
     */
    private final boolean recycles;
    /** At most this many are kept: a burst of groups pins no more than this until the operator closes. */
    static final int MAX_SPARES = 1 << 16;
    private final java.util.ArrayList<KeyRow> spareKeys = new java.util.ArrayList<>();
    private final java.util.ArrayList<GroupState> spareStates = new java.util.ArrayList<>();

    /**
     * The operator for a TUMBLE, HOP or CUMULATE aggregate: a {@link HopPaneAggregate} where it gives the same
     * results with one state lookup per row, else a {@link WindowAggregate}.
     */
    public static StreamOperator create(AggregateLayout layout, Aggregators aggs, WindowSpec window, int timeColumn,
                                        long lateness, EmitMode emit, long everyMillis, StateBackend backend, String name) {
        if (HopPaneAggregate.applies(aggs, window, emit, backend == StateBackend.HEAP)) {
            return new HopPaneAggregate(layout, aggs, window, timeColumn, lateness, emit);
        }
        return new WindowAggregate(layout, aggs, window, timeColumn, lateness, emit, everyMillis, backend, name);
    }

    public WindowAggregate(AggregateLayout layout, Aggregators aggs, WindowSpec window, int timeColumn,
                           long lateness, EmitMode emit, long everyMillis) {
        this(layout, aggs, window, timeColumn, lateness, emit, everyMillis, StateBackend.HEAP, "window-aggregate");
    }

    public WindowAggregate(AggregateLayout layout, Aggregators aggs, WindowSpec window, int timeColumn,
                           long lateness, EmitMode emit, long everyMillis, StateBackend backend, String name) {
        this.store = backend.create(name, KeyRow.storageOf(layout.input(), layout.keyColumns()), aggs.groupStateSerde());
        this.layout = layout;
        this.aggs = aggs;
        this.window = window;
        this.timeColumn = timeColumn;
        this.lateness = emit == EmitMode.FINAL ? 0 : lateness;
        this.emit = emit;
        this.everyMillis = everyMillis;
        this.probe = new KeyRow(KeyRow.storageOf(layout.input(), layout.keyColumns()));
        this.ends = new long[window.maxWindowsPerRow()];
        this.recycles = store.valuesStayPut();
    }

    @Override public void process(Batch in, Batch out) {
        final int[] keys = layout.keyColumns();
        final long[] times = in.longs[timeColumn];
        final boolean[] timeNulls = in.nulls[timeColumn];
        final boolean perRow = emit == EmitMode.CHANGES;
        final long closedUpTo = closedUpTo();
        for (int r = 0; r < in.size; r++) {
            if (timeNulls[r]) {
                lateDropped++; // a row without event time belongs to no window
                continue;
            }
            int n = window.windowEnds(times[r], ends);
            boolean loaded = false;
            boolean any = false;
            for (int w = 0; w < n; w++) {
                long end = ends[w];
                if (end <= closedUpTo) continue; // that window already fired
                any = true;
                if (!loaded) {
                    probe.load(in, keys, r);
                    loaded = true;
                }
                GroupState g = store.get(end, probe);
                if (g == null) {
                    KeyRow key;
                    if (!spareKeys.isEmpty()) {
                        key = spareKeys.removeLast().load(in, keys, r);
                        g = spareStates.removeLast();
                    } else {
                        key = probe.copy();
                        g = aggs.newGroupState();
                    }
                    store.put(end, key, g);
                    aggs.accumulate(g, in, r);
                    if (perRow) layout.write(out, RowKind.INSERT, key, window.startOf(end), end, aggs, g);
                } else {
                    if (perRow) layout.write(out, RowKind.UPDATE_BEFORE, probe, window.startOf(end), end, aggs, g);
                    aggs.accumulate(g, in, r);
                    if (perRow) layout.write(out, RowKind.UPDATE_AFTER, probe, window.startOf(end), end, aggs, g);
                }
                g.dirty = true;
            }
            if (!any) lateDropped++;
        }
    }

    /** Windows with {@code end <= closedUpTo()} have fired. */
    private long closedUpTo() { return closedUpTo(watermark, lateness); }

    /** Windows ending at or before this have fired, at {@code watermark} with {@code lateness} allowed. */
    static long closedUpTo(long watermark, long lateness) {
        return watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - lateness;
    }

    @Override public void onWatermark(long newWatermark, Batch out) {
        if (newWatermark <= watermark) return;
        watermark = newWatermark;
        long upTo = closedUpTo();
        if (store.firstNamespace() > upTo) return;
        store.removeNamespacesUpTo(upTo, (end, key, g) -> {
            switch (emit) {
                case ON_WINDOW_CLOSE, FINAL -> layout.write(out, RowKind.INSERT, key, window.startOf(end), end, aggs, g);
                case EVERY -> emitIfDirty(out, end, key, g);
                case CHANGES -> { } // every change was emitted as it happened
            }
            if (recycles) keep(key, g);
        });
    }

    /** Keeps an evicted group's key and state for a later window's new group, reset to a fresh group's values. */
    private void keep(KeyRow key, GroupState g) {
        if (spareKeys.size() == MAX_SPARES) return;
        aggs.resetState(g);
        g.emitted = null;
        g.dirty = false;
        spareKeys.add(key);
        spareStates.add(g);
    }

    private void emitIfDirty(Batch out, long end, KeyRow key, GroupState g) {
        layout.writeIfDirty(out, key, window.startOf(end), end, aggs, g);
    }

    @Override public void onProcessingTime(long nowMillis, Batch out) {
        if (emit != EmitMode.EVERY) return;
        // visit every open window's groups; ticks are rare (>= the EMIT EVERY interval) so a sweep is fine
        long ns = store.firstNamespace();
        while (ns != Long.MAX_VALUE) {
            final long end = ns;
            store.forEach(end, (key, g) -> emitIfDirty(out, end, key, g));
            ns = store.nextNamespace(end);
        }
    }

    @Override public long timerIntervalMillis() { return emit == EmitMode.EVERY ? everyMillis : 0; }
    @Override public Schema outputSchema() { return layout.output(); }
    @Override public long stateSize() { return store.size(); }
    @Override public long lateRowsDropped() { return lateDropped; }

    /** Layout: {@code long watermark, long lateDropped}, then the store ({@link io.laminar.state.StoreSnapshot}). */
    @Override public void snapshot(java.io.DataOutput out) throws java.io.IOException {
        out.writeLong(watermark);
        out.writeLong(lateDropped);
        io.laminar.state.StoreSnapshot.write(out, store, aggs.groupStateSerde());
    }

    @Override public void restore(java.io.DataInput in) throws java.io.IOException {
        watermark = in.readLong();
        lateDropped = in.readLong();
        io.laminar.state.StoreSnapshot.read(in, store, aggs.groupStateSerde(), probe.storage());
    }

    @Override public void close() { store.close(); }
}
