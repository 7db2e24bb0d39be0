package io.laminar.operator.join;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;

/**
 * Interval join: {@code L JOIN R ON L.k = R.k AND R.ts BETWEEN L.ts + lower AND L.ts + upper} (bounds inclusive,
 * in milliseconds, either may be negative). Append-only output.
 *
 * <p>Each row is held until no future row of the other side can match it: future rows are never earlier than the
 * watermark, so a left row can go once the watermark passes {@code L.ts + upper}, a right row once it passes
 * {@code R.ts - lower}. For LEFT/RIGHT/FULL joins a row that leaves without having matched is emitted then, padded
 * with nulls — the outer row appears exactly when the bound closes.
 */
public final class IntervalJoin implements JoinOperator {
    private final KeyedBuffers buffers;
    private final JoinOutput output;
    private final Schema outputSchema;
    private final JoinType type;
    private final int[] timeColumn;
    private final long lower;
    private final long upper;
    /** A left column holding each left row's own upper bound for the right time (-1: {@code L.ts + upper}). */
    private final int leftUpperColumn;
    private final TimerHeap timers = new TimerHeap();
    private long watermark = Long.MIN_VALUE;
    private long lateDropped;

    public IntervalJoin(Schema left, Schema right, int[] leftKeys, int[] rightKeys, int leftTime, int rightTime,
                        long lower, long upper, JoinType type, Schema outputSchema) {
        this(left, right, leftKeys, rightKeys, leftTime, rightTime, lower, upper, -1, type, outputSchema);
    }

    /**
     * With {@code leftUpperColumn >= 0} the right time's upper bound is that column of the left row
     * ({@code R.ts BETWEEN L.ts + lower AND L.expires}): a left row is held until the watermark passes its own bound.
     */
    public IntervalJoin(Schema left, Schema right, int[] leftKeys, int[] rightKeys, int leftTime, int rightTime,
                        long lower, long upper, int leftUpperColumn, JoinType type, Schema outputSchema) {
        this.leftUpperColumn = leftUpperColumn;
        if (lower > upper) throw new IllegalArgumentException("empty interval [" + lower + ", " + upper + "]");
        this.buffers = new KeyedBuffers(left, right, leftKeys, rightKeys);
        this.output = new JoinOutput(left.size(), right.size());
        this.outputSchema = outputSchema;
        this.type = type;
        this.timeColumn = new int[] {leftTime, rightTime};
        this.lower = lower;
        this.upper = upper;
    }

    /** The watermark at or after which row {@code r} of {@code side} can no longer match. */
    private long expiry(int side, Batch rows, int r) {
        if (side == RIGHT) return rows.longs[timeColumn[RIGHT]][r] - lower + 1;
        return upperBound(rows, r) + 1;
    }

    /** The latest right time left row {@code r} matches (a row without its bound matches nothing). */
    private long upperBound(Batch leftRows, int r) {
        if (leftUpperColumn < 0) return leftRows.longs[timeColumn[LEFT]][r] + upper;
        return leftRows.nulls[leftUpperColumn][r] ? Long.MIN_VALUE / 2 : leftRows.longs[leftUpperColumn][r];
    }

    private boolean inRange(Batch leftRows, int l, long rightTs) {
        return rightTs >= leftRows.longs[timeColumn[LEFT]][l] + lower && rightTs <= upperBound(leftRows, l);
    }

    @Override public void process(int side, Batch in, Batch out) {
        final int other = 1 - side;
        final int tcol = timeColumn[side], otherTcol = timeColumn[other];
        for (int r = 0; r < in.size; r++) {
            if (in.nulls[tcol][r]) {
                lateDropped++;
                continue;
            }
            long expiry = expiry(side, in, r);
            boolean expired = expiry <= watermark;
            if (buffers.hasNullKey(side, in, r)) {
                if (type.keeps(side)) output.writeSided(out, RowKind.INSERT, side, in, r, null, 0);
                continue;
            }
            KeyedBuffers.Sides ks = expired ? buffers.find(side, in, r) : buffers.findOrCreate(side, in, r);
            int matches = 0;
            if (ks != null) {
                RowBuffer theirs = ks.side[other];
                Batch rows = theirs.rows;
                // a left row's bounds depend on it alone: computed once, not per held right row
                long lo = side == LEFT ? in.longs[tcol][r] + lower : 0, hi = side == LEFT ? upperBound(in, r) : 0;
                for (int j = 0; j < rows.size; j++) {
                    if (side == LEFT) {
                        long t = rows.longs[otherTcol][j];
                        if (t < lo || t > hi) continue;
                    } else if (!inRange(rows, j, in.longs[tcol][r])) {
                        continue;
                    }
                    output.writeSided(out, RowKind.INSERT, side, in, r, rows, j);
                    theirs.matches[j]++;
                    matches++;
                }
            }
            if (expired) { // behind the watermark: matched what is still held, cannot wait for more
                if (matches == 0 && type.keeps(side)) output.writeSided(out, RowKind.INSERT, side, in, r, null, 0);
                continue;
            }
            int i = ks.side[side].add(in, r);
            ks.side[side].matches[i] = matches;
            buffers.added();
            timers.add(expiry, ks.id);
        }
    }

    @Override public void onWatermark(long newWatermark, Batch out) {
        if (newWatermark <= watermark) return;
        watermark = newWatermark;
        while (!timers.isEmpty() && timers.peekTime() <= newWatermark) {
            int id = timers.peekId();
            timers.pop();
            KeyedBuffers.Sides ks = buffers.byId(id);
            if (ks == null) continue;
            for (int side = 0; side < 2; side++) {
                RowBuffer mine = ks.side[side];
                for (int i = mine.size() - 1; i >= 0; i--) {
                    if (expiry(side, mine.rows, i) > newWatermark) continue;
                    if (mine.matches[i] == 0 && type.keeps(side)) {
                        output.writeSided(out, RowKind.INSERT, side, mine.rows, i, null, 0);
                    }
                    mine.removeAt(i);
                    buffers.removed();
                }
            }
            buffers.releaseIfEmpty(ks);
        }
    }

    /**
     * A pair is emitted when its second row arrives: its left row may be up to {@code upper} older than the
     * watermark then, so downstream sees the watermark that much later (the left time is the output's event time).
     */
    @Override public long outputWatermark(long inputWatermark) {
        if (inputWatermark == Long.MAX_VALUE || inputWatermark == Long.MIN_VALUE) return inputWatermark;
        if (leftUpperColumn >= 0) return inputWatermark; // the planner gives such a join's rows no event time
        return inputWatermark - Math.max(0, upper);
    }

    @Override public Schema outputSchema() { return outputSchema; }
    @Override public long stateSize() { return buffers.rows(); }
    @Override public long lateRowsDropped() { return lateDropped; }

    /** {@code long watermark, long lateDropped}, then the buffered rows; timers are rebuilt from the rows' times. */
    @Override public void snapshot(java.io.DataOutput out) throws java.io.IOException {
        out.writeLong(watermark);
        out.writeLong(lateDropped);
        buffers.snapshot(out);
    }

    @Override public void restore(java.io.DataInput in) throws java.io.IOException {
        watermark = in.readLong();
        lateDropped = in.readLong();
        timers.clear();
        buffers.restore(in, ks -> {
            for (int side = 0; side < 2; side++) {
                RowBuffer b = ks.side[side];
                for (int i = 0; i < b.size(); i++) timers.add(expiry(side, b.rows, i), ks.id);
            }
        });
    }
}
