package io.laminar.operator.window;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.operator.EmitMode;
import io.laminar.operator.StreamOperator;
import io.laminar.operator.aggregate.AggState;
import io.laminar.operator.aggregate.AggregateLayout;
import io.laminar.operator.aggregate.Aggregators;
import io.laminar.operator.aggregate.GroupState;
import io.laminar.state.HeapStateStore;
import io.laminar.state.KeyRow;
import io.laminar.state.StoreSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * A HOP window aggregate that folds each row once, into its pane, instead of once into each of the
 * {@code size / slide} windows holding it. A pane is one slide of time ({@code [end - slide, end)}); a window is the
 * {@code size / slide} panes before its end. When the watermark closes a window its result is the merge of its
 * panes' states per key, emitted once; a pane is evicted when the last window holding it has fired. Per row that is
 * one state lookup where {@link WindowAggregate} does five for Nexmark q5's 10 s / 2 s windows, and one stored key
 * per key and pane instead of per key and window; the merge work moves to firing, once per (key, pane, window).
 *
 * <p>Chosen by {@link WindowAggregate#create} only where the results are exactly {@link WindowAggregate}'s: the
 * calls {@link Aggregators#mergesInAnyOrder merge in any order}, the window fires once (ON WINDOW CLOSE or FINAL —
 * EMIT CHANGES and EVERY emit a window's result as it changes, which panes do not hold), the size is a multiple of
 * the slide, and state is on the heap (a RocksDB store keeps {@link WindowAggregate}'s layout for its native
 * snapshots). A late row is taken exactly when WindowAggregate takes it: when at least one of its windows has not
 * fired; it then only reaches the windows still to fire, as there.
 *
 * <p>Checkpoints have {@link WindowAggregate}'s layout (each open window's merged state under its end), so either
 * restores the other's. Restored windows are kept as they are and merged into the window's panes when it fires:
 * rows before the checkpoint are in them, rows after it in the panes.
 */
public final class HopPaneAggregate implements StreamOperator {
    private final AggregateLayout layout;
    private final Aggregators aggs;
    private final WindowSpec window;
    private final int timeColumn;
    private final long lateness;
    private final long size;
    private final long slide;
    /** Each pane's state per key, namespaced by the pane's end. */
    private final HeapStateStore<AggState> panes = new HeapStateStore<>();
    /** Windows restored from a checkpoint (merged states per key, namespaced by window end); usually empty. */
    private final HeapStateStore<GroupState> restored = new HeapStateStore<>();
    /** The firing window's merged state per key (its keys are the panes' stored keys, never copied). */
    private final HeapStateStore<AggState> firing = new HeapStateStore<>();
    /** Merged states emitted and reset, for the next firing window: firing allocates no state per row emitted. */
    private final List<AggState> spare = new ArrayList<>();
    private final KeyRow probe;
    private long watermark = Long.MIN_VALUE;
    /** The end of the earliest window that has not fired (and may still fire); Long.MIN_VALUE before any watermark. */
    private long nextEnd = Long.MIN_VALUE;
    private long lateDropped;
    /** The window end being assembled and the output batch being filled, for the visitors below. */
    private long firingEnd;
    private Batch firingOut;

    HopPaneAggregate(AggregateLayout layout, Aggregators aggs, WindowSpec window, int timeColumn, long lateness,
                     EmitMode emit) {
        if (!applies(aggs, window, emit, true)) {
            throw new IllegalArgumentException("panes need a HOP window whose size is a multiple of its slide, emitted "
                    + "once per window, and calls that merge in any order: " + window + ", " + emit);
        }
        this.layout = layout;
        this.aggs = aggs;
        this.window = window;
        this.timeColumn = timeColumn;
        this.lateness = emit == EmitMode.FINAL ? 0 : lateness;
        this.size = window.size();
        this.slide = window.slide();
        this.probe = new KeyRow(KeyRow.storageOf(layout.input(), layout.keyColumns()));
    }

    /** True when a {@link HopPaneAggregate} computes exactly what a {@link WindowAggregate} would (see the class). */
    static boolean applies(Aggregators aggs, WindowSpec window, EmitMode emit, boolean heap) {
        return heap && window.kind() == WindowSpec.Kind.HOP && window.size() % window.slide() == 0
                && window.size() > window.slide()
                && (emit == EmitMode.ON_WINDOW_CLOSE || emit == EmitMode.FINAL) && aggs.mergesInAnyOrder();
    }

    @Override public void process(Batch in, Batch out) {
        final int[] keys = layout.keyColumns();
        final long[] times = in.longs[timeColumn];
        final boolean[] timeNulls = in.nulls[timeColumn];
        final long closedUpTo = closedUpTo();
        final long offset = window.offset();
        for (int r = 0; r < in.size; r++) {
            if (timeNulls[r]) {
                lateDropped++; // a row without event time belongs to no window
                continue;
            }
            long paneStart = WindowSpec.alignedStart(times[r], slide, offset);
            // the row's last window starts with its pane; when that one has fired, so have all the others
            if (paneStart + size <= closedUpTo) {
                lateDropped++;
                continue;
            }
            long paneEnd = paneStart + slide;
            probe.load(in, keys, r);
            AggState s = panes.get(paneEnd, probe);
            if (s == null) {
                s = aggs.newState();
                panes.put(paneEnd, probe.copy(), s);
            }
            aggs.accumulate(s, in, r);
        }
    }

    /** Windows with {@code end <= closedUpTo()} have fired (or, without rows, will never fire). */
    private long closedUpTo() { return WindowAggregate.closedUpTo(watermark, lateness); }

    @Override public void onWatermark(long newWatermark, Batch out) {
        if (newWatermark <= watermark) return;
        watermark = newWatermark;
        long upTo = closedUpTo();
        firingOut = out;
        while (true) {
            // the next window to fire is the earliest one holding a pane or a restored window, not yet fired
            long first = Math.min(panes.firstNamespace(), restored.firstNamespace());
            if (first == Long.MAX_VALUE) break;
            long end = Math.max(first, nextEnd);
            if (end > upTo) break;
            fire(end);
            nextEnd = end + slide;
            panes.dropNamespacesUpTo(nextEnd - size); // no window left holds these panes
        }
        firingOut = null;
        // windows up to the watermark are closed, those without rows too: a late row must not open one
        if (upTo != Long.MAX_VALUE) nextEnd = Math.max(nextEnd, firstEndAfter(upTo));
    }

    /** Emits window {@code end}: its panes' states (and a restored state) merged per key. */
    private void fire(long end) {
        firingEnd = end;
        for (long pane = panes.firstNamespace(); pane <= end; pane = panes.nextNamespace(pane)) {
            if (pane > end - size) panes.forEach(pane, this::mergeIntoFiring);
        }
        if (restored.firstNamespace() == end) restored.forEach(end, this::mergeIntoFiring);
        restored.dropNamespacesUpTo(end);
        firingOut.ensureCapacity((int) Math.min(firing.size(), Integer.MAX_VALUE - firingOut.size));
        firing.removeNamespacesUpTo(end, this::emit);
    }

    /** Merges {@code part} into the firing window's state for {@code key}, started empty (a reset spare). */
    private void mergeIntoFiring(KeyRow key, AggState part) {
        AggState s = firing.get(firingEnd, key);
        if (s == null) {
            s = spare.isEmpty() ? aggs.newState() : spare.removeLast();
            firing.put(firingEnd, key, s);
        }
        aggs.merge(s, part);
    }

    private void emit(long end, KeyRow key, AggState s) {
        layout.write(firingOut, RowKind.INSERT, key, end - size, end, aggs, s);
        aggs.resetState(s);
        spare.add(s);
    }

    @Override public Schema outputSchema() { return layout.output(); }
    @Override public long stateSize() { return panes.size() + restored.size(); }
    @Override public long lateRowsDropped() { return lateDropped; }

    /**
     * {@link WindowAggregate}'s layout: {@code long watermark, long lateDropped}, then each open window's merged state
     * per key under the window's end ({@link StoreSnapshot}).
     */
    @Override public void snapshot(java.io.DataOutput out) throws java.io.IOException {
        HeapStateStore<GroupState> windows = new HeapStateStore<>();
        panes.forEachEntry((paneEnd, key, s) -> {
            // a pane is in the windows ending at its end and the (size / slide - 1) slides after it
            for (long end = Math.max(paneEnd, nextEnd); end < paneEnd + size; end += slide) {
                aggs.merge(windowState(windows, end, key), s);
            }
        });
        restored.forEachEntry((end, key, g) -> aggs.merge(windowState(windows, end, key), g));
        out.writeLong(watermark);
        out.writeLong(lateDropped);
        StoreSnapshot.write(out, windows, aggs.groupStateSerde());
    }

    /** The state of window {@code end} for {@code key} in a snapshot being assembled, created empty. */
    private AggState windowState(HeapStateStore<GroupState> windows, long end, KeyRow key) {
        GroupState g = windows.get(end, key);
        if (g == null) {
            g = aggs.newGroupState();
            g.dirty = true; // as WindowAggregate leaves every group it accumulated into
            windows.put(end, key, g);
        }
        return g;
    }

    @Override public void restore(java.io.DataInput in) throws java.io.IOException {
        watermark = in.readLong();
        lateDropped = in.readLong();
        panes.clear();
        firing.clear();
        StoreSnapshot.read(in, restored, aggs.groupStateSerde(), probe.storage());
        long upTo = closedUpTo();
        nextEnd = upTo == Long.MIN_VALUE || upTo == Long.MAX_VALUE ? Long.MIN_VALUE : firstEndAfter(upTo);
    }

    /** The end of the first window that ends after {@code time}. */
    private long firstEndAfter(long time) {
        return WindowSpec.alignedStart(time, slide, window.offset()) + slide;
    }
}
