package io.laminar.operator.over;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.operator.StreamOperator;
import io.laminar.operator.aggregate.AggState;
import io.laminar.operator.aggregate.Aggregators;
import io.laminar.operator.aggregate.Aggregators.AggCallSpec;
import io.laminar.state.HeapStateStore;
import io.laminar.state.KeyRow;
import io.laminar.state.StateSerde;
import io.laminar.state.StoreSnapshot;
import io.laminar.state.ValueCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code f(...) OVER (PARTITION BY p ORDER BY ts [frame])} over an append-only input (see the package description).
 * Input rows wait in a buffer, kept in time order by insertion (rows arrive nearly sorted, so an insert moves few
 * indices), until the watermark passes their time. Then the fired rows are taken slice by slice — a slice is every
 * fired row of one time — and within a slice partition by partition, so peers are processed together. Output: the
 * input columns, then one column per {@link OverCall}, in call order; only {@code +I} rows.
 */
public final class OverWindow implements StreamOperator {
    private static final long NS = 0;

    private final Schema input;
    private final Schema output;
    private final int[] partitionKeys;
    private final int timeColumn;
    private final OverCall[] calls;
    private final OverFrame[] frames;
    private final Aggregators[] frameAggs;
    /** Output column of each frame's first aggregate call (a frame's calls are consecutive). */
    private final int[] frameFirstColumn;
    private final int width;
    private final int maxLag;
    private final int maxLead;
    private final KeyRow probe;
    private final HeapStateStore<Partition> store = new HeapStateStore<>();

    /** Rows waiting for the watermark, in arrival order; {@code order[0..pending.size)} sorts them by time. */
    private Batch pending;
    private Batch spare;
    private int[] order = new int[64];
    private long watermark = Long.MIN_VALUE;
    private long lateRows;
    /** Partitions touched by the current slice, and the slice's stamp (marks a partition as touched). */
    private final List<Partition> touched = new ArrayList<>();
    private long sliceStamp;

    /** One partition: its counters, recent rows, frame accumulators and rows waiting for their LEAD values. */
    private final class Partition {
        final KeyRow key;
        final RowRing history;
        final RowRing held;
        final AggState[] states;
        final int[] inFrame;
        long rowNumber;
        long denseRank;
        /** Rows processed so far: the absolute index of the next row. */
        long processed;
        long stamp = -1;
        int[] run = new int[8];
        int runLength;

        Partition(KeyRow key) {
            this.key = key;
            history = new RowRing(input, Math.max(4, Math.max(maxLag, maxLead) + 2));
            held = maxLead > 0 ? new RowRing(output, maxLead + 2) : null;
            states = new AggState[frames.length];
            for (int f = 0; f < frames.length; f++) states[f] = frameAggs[f].newState();
            inFrame = new int[frames.length];
        }

        void addToRun(int row) {
            if (runLength == run.length) run = java.util.Arrays.copyOf(run, run.length * 2);
            run[runLength++] = row;
        }
    }

    /**
     * @param output      the input columns followed by one column per call
     * @param timeColumn  the ORDER BY column: an event-time (TIMESTAMP) column, ascending
     * @param calls       the functions; the aggregate calls of one frame must be consecutive
     */
    public OverWindow(Schema input, Schema output, int[] partitionKeys, int timeColumn, List<OverCall> calls,
                      List<OverFrame> frames) {
        this.input = input;
        this.output = output;
        this.partitionKeys = partitionKeys;
        this.timeColumn = timeColumn;
        this.calls = calls.toArray(new OverCall[0]);
        this.frames = frames.toArray(new OverFrame[0]);
        this.width = input.size();
        if (output.size() != width + this.calls.length) {
            throw new IllegalArgumentException("output " + output + " must be the input plus one column per call");
        }
        int lag = 0, lead = 0;
        frameAggs = new Aggregators[this.frames.length];
        frameFirstColumn = new int[this.frames.length];
        for (int f = 0; f < this.frames.length; f++) {
            List<AggCallSpec> specs = new ArrayList<>();
            int first = -1;
            for (int i = 0; i < this.calls.length; i++) {
                if (this.calls[i].frame() != f) continue;
                if (first >= 0 && i != first + specs.size()) {
                    throw new IllegalArgumentException("the calls of frame " + f + " are not consecutive");
                }
                if (first < 0) first = i;
                specs.add(this.calls[i].aggregate());
            }
            // a bounded frame takes leaving rows back out; an unbounded one only ever adds
            frameAggs[f] = new Aggregators(specs, input, this.frames[f].bounded());
            frameFirstColumn[f] = width + first;
        }
        for (OverCall c : this.calls) {
            if (c.function() == OverCall.Function.LAG) lag = Math.max(lag, c.offset());
            if (c.function() == OverCall.Function.LEAD) lead = Math.max(lead, c.offset());
        }
        maxLag = lag;
        maxLead = lead;
        probe = new KeyRow(KeyRow.storageOf(input, partitionKeys));
        pending = new Batch(input, 64);
        spare = new Batch(input, 64);
    }

    @Override public void process(Batch in, Batch out) {
        final int t = timeColumn;
        for (int r = 0; r < in.size; r++) {
            if (in.nulls[t][r] || in.longs[t][r] < watermark) {
                lateRows++; // behind the watermark (ALLOW LATENESS) or without a time: its peers are already out
                continue;
            }
            long ts = in.longs[t][r];
            int row = pending.appendRow(in, r, RowKind.INSERT);
            if (row == order.length) order = java.util.Arrays.copyOf(order, order.length * 2);
            int j = row;
            final long[] times = pending.longs[t];
            while (j > 0 && times[order[j - 1]] > ts) { // stable: equal times keep arrival order
                order[j] = order[j - 1];
                j--;
            }
            order[j] = row;
        }
    }

    @Override public void onWatermark(long wm, Batch out) {
        if (wm <= watermark) return;
        watermark = wm;
        final long[] times = pending.longs[timeColumn];
        int n = 0;
        while (n < pending.size && times[order[n]] < wm) n++;
        int i = 0;
        while (i < n) {
            long ts = times[order[i]];
            int end = i;
            sliceStamp++;
            touched.clear();
            while (end < n && times[order[end]] == ts) {
                int row = order[end++];
                probe.load(pending, partitionKeys, row);
                Partition p = store.get(NS, probe);
                if (p == null) {
                    p = new Partition(probe.copy());
                    store.put(NS, p.key, p);
                }
                if (p.stamp != sliceStamp) {
                    p.stamp = sliceStamp;
                    p.runLength = 0;
                    touched.add(p);
                }
                p.addToRun(row);
            }
            for (int k = 0; k < touched.size(); k++) processRun(touched.get(k), ts, out);
            i = end;
        }
        if (n > 0) compactPending(n);
        if (wm == Long.MAX_VALUE && maxLead > 0) {
            store.forEach(NS, (key, p) -> release(p, out, true)); // the input ended: LEADs past the end get defaults
        }
    }

    /** Keeps the rows not yet fired ({@code order[n..]}) in time order in the spare batch, then swaps. */
    private void compactPending(int n) {
        Batch from = pending, to = spare;
        to.clear();
        int remaining = from.size - n;
        for (int k = 0; k < remaining; k++) {
            to.appendRow(from, order[n + k], RowKind.INSERT);
            order[k] = k;
        }
        from.clear();
        pending = to;
        spare = from;
    }

    /** Processes one partition's rows of one time (peers), in arrival order. */
    private void processRun(Partition p, long ts, Batch out) {
        final RowRing h = p.history;
        final int m = p.runLength;
        for (int j = 0; j < m; j++) h.append(pending, p.run[j]);
        final Batch hb = h.batch();
        final int firstPos = h.size() - m;
        final long rankOfRun = p.rowNumber + 1;
        p.denseRank++; // each (partition, time) is one run: a new distinct time
        // RANGE frames see every peer at once: add the whole run, then drop what fell out of range
        for (int f = 0; f < frames.length; f++) {
            if (frames[f].rows()) continue;
            for (int j = 0; j < m; j++) frameAggs[f].accumulate(p.states[f], hb, h.physical(firstPos + j));
            if (!frames[f].bounded()) continue;
            p.inFrame[f] += m;
            long from = ts - frames[f].preceding();
            while (hb.longs[timeColumn][h.physical(h.size() - p.inFrame[f])] < from) {
                frameAggs[f].retract(p.states[f], hb, h.physical(h.size() - p.inFrame[f]));
                p.inFrame[f]--;
            }
        }
        for (int j = 0; j < m; j++) {
            final int pos = firstPos + j;
            final int src = h.physical(pos);
            p.rowNumber++;
            for (int f = 0; f < frames.length; f++) {
                if (!frames[f].rows()) continue;
                frameAggs[f].accumulate(p.states[f], hb, src);
                if (!frames[f].bounded()) continue;
                p.inFrame[f]++;
                if (p.inFrame[f] > frames[f].preceding() + 1) { // ROWS n PRECEDING: n + 1 rows, the oldest leaves
                    frameAggs[f].retract(p.states[f], hb, h.physical(pos - p.inFrame[f] + 1));
                    p.inFrame[f]--;
                }
            }
            Batch dest;
            int d;
            if (p.held == null) {
                dest = out;
                d = out.addRow(RowKind.INSERT);
            } else {
                d = p.held.appendBlank();
                dest = p.held.batch();
            }
            for (int c = 0; c < width; c++) dest.copyValue(c, d, hb, c, src);
            for (int i = 0; i < calls.length; i++) {
                OverCall call = calls[i];
                int col = width + i;
                switch (call.function()) {
                    case ROW_NUMBER -> dest.setLong(col, d, p.rowNumber);
                    case RANK -> dest.setLong(col, d, rankOfRun);
                    case DENSE_RANK -> dest.setLong(col, d, p.denseRank);
                    case LAG -> {
                        int back = pos - call.offset();
                        if (back >= 0) dest.copyValue(col, d, hb, call.argColumn(), h.physical(back));
                        else writeDefault(call, dest, col, d);
                    }
                    case LEAD -> dest.setNull(col, d); // filled in when the row is released
                    case AGGREGATE -> { } // written per frame below
                }
            }
            for (int f = 0; f < frames.length; f++) frameAggs[f].writeResults(p.states[f], dest, frameFirstColumn[f], d);
            p.processed++;
        }
        if (p.held != null) release(p, out, false);
        int keep = Math.max(maxLag, maxLead);
        for (int f = 0; f < frames.length; f++) keep = Math.max(keep, p.inFrame[f]);
        if (h.size() > keep) h.dropOldest(h.size() - keep);
    }

    /** Emits the held rows whose LEAD rows exist (all of them, with defaults past the end, when {@code end}). */
    private void release(Partition p, Batch out, boolean end) {
        final RowRing held = p.held, h = p.history;
        while (held.size() > 0) {
            long abs = p.processed - held.size(); // absolute index of the oldest held row
            if (!end && abs + maxLead > p.processed - 1) return;
            Batch hb = held.batch();
            int d = held.physical(0);
            long historyStart = p.processed - h.size();
            for (int i = 0; i < calls.length; i++) {
                OverCall call = calls[i];
                if (call.function() != OverCall.Function.LEAD) continue;
                long target = abs + call.offset();
                if (target < p.processed) hb.copyValue(width + i, d, h.batch(), call.argColumn(), h.physical((int) (target - historyStart)));
                else writeDefault(call, hb, width + i, d);
            }
            out.appendRow(hb, d, RowKind.INSERT);
            held.dropOldest(1);
        }
    }

    /** LAG/LEAD without a row at the offset: the default (a column of the row itself, a constant, or NULL). */
    private static void writeDefault(OverCall call, Batch dest, int col, int d) {
        if (call.defaultColumn() >= 0) dest.copyValue(col, d, dest, call.defaultColumn(), d);
        else dest.setValue(col, d, call.defaultValue());
    }

    @Override public Schema outputSchema() { return output; }

    /** Partitions plus rows waiting for the watermark. */
    @Override public long stateSize() { return store.size() + pending.size; }

    @Override public long lateRowsDropped() { return lateRows; }

    /**
     * Layout: {@code long watermark, long lateRows, int n, n x typed row} (waiting rows in time order), then the
     * partitions as a store snapshot, each {@code key, long rowNumber, long denseRank, long processed, history
     * rows, per frame (int inFrame, accumulators), held rows}.
     */
    @Override public void snapshot(DataOutput out) throws IOException {
        out.writeLong(watermark);
        out.writeLong(lateRows);
        out.writeInt(pending.size);
        for (int k = 0; k < pending.size; k++) ValueCodec.writeRow(out, pending, order[k]);
        StoreSnapshot.write(out, store, serde);
    }

    @Override public void restore(DataInput in) throws IOException {
        watermark = in.readLong();
        lateRows = in.readLong();
        pending.clear();
        int n = in.readInt();
        if (n < 0) throw new IOException("negative row count " + n + " (corrupt snapshot)");
        if (order.length < n) order = new int[n];
        for (int k = 0; k < n; k++) {
            ValueCodec.readRow(in, pending, pending.addRow(RowKind.INSERT));
            order[k] = k;
        }
        StoreSnapshot.read(in, store, serde, probe.storage());
    }

    private final StateSerde<Partition> serde = new StateSerde<>() {
        @Override public void write(DataOutput out, Partition p) throws IOException {
            p.key.write(out);
            out.writeLong(p.rowNumber);
            out.writeLong(p.denseRank);
            out.writeLong(p.processed);
            writeRing(out, p.history);
            for (int f = 0; f < frames.length; f++) {
                out.writeInt(p.inFrame[f]);
                frameAggs[f].writeState(out, p.states[f]);
            }
            if (p.held != null) writeRing(out, p.held);
        }

        @Override public Partition read(DataInput in) throws IOException {
            Partition p = new Partition(KeyRow.read(in, probe.storage()));
            p.rowNumber = in.readLong();
            p.denseRank = in.readLong();
            p.processed = in.readLong();
            readRing(in, p.history);
            for (int f = 0; f < frames.length; f++) {
                p.inFrame[f] = in.readInt();
                p.states[f] = frameAggs[f].readState(in);
            }
            if (p.held != null) readRing(in, p.held);
            return p;
        }
    };

    private static void writeRing(DataOutput out, RowRing ring) throws IOException {
        out.writeInt(ring.size());
        for (int i = 0; i < ring.size(); i++) ValueCodec.writeRow(out, ring.batch(), ring.physical(i));
    }

    private static void readRing(DataInput in, RowRing ring) throws IOException {
        int n = in.readInt();
        if (n < 0) throw new IOException("negative row count " + n + " (corrupt snapshot)");
        for (int i = 0; i < n; i++) {
            int row = ring.appendBlank(); // may grow the ring: take its batch afterwards
            ValueCodec.readRow(in, ring.batch(), row);
        }
    }
}
