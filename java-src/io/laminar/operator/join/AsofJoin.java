package io.laminar.operator.join;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.operator.upsert.Tombstones;

/**
 * ASOF join: each left row is paired with the one right row of its key whose time is closest to its own — the
 * newest at or before it ({@link Direction#BACKWARD}), the oldest at or after it ({@link Direction#FORWARD}), or the
 * nearer of the two ({@link Direction#NEAREST}) — optionally no further away than a tolerance. LEFT keeps left rows
 * without a partner (padded with nulls); INNER drops them. Append-only output, one row per left row.
 *
 * <p>Event time makes it deterministic: a left row is decided only when no right row that could still arrive (never
 * earlier than the watermark) could be a closer partner, so the result does not depend on arrival order. Right
 * rows at the same time are ranked by arrival (the later one wins, as a newer version of a value would). Right
 * rows that can no longer be anyone's partner are dropped: for BACKWARD, all but the newest at or behind the
 * watermark — so state is one row per key plus what is ahead of the watermark.
 */
public final class AsofJoin implements JoinOperator {
    public enum Direction { BACKWARD, FORWARD, NEAREST }

    private final KeyedBuffers buffers;
    private final JoinOutput output;
    private final Schema outputSchema;
    private final boolean keepUnmatched;
    private final int leftTime;
    private final int rightTime;
    private final Direction direction;
    private final boolean strict;
    private final long tolerance; // Long.MAX_VALUE: none
    private final Tombstones tombstones; // right rows that end their key's version (upsert sources), or null
    private final TimerHeap timers = new TimerHeap();
    private long watermark = Long.MIN_VALUE;
    private int arrivals; // right rows' arrival order, kept in RowBuffer.matches (ties at one time: later wins)

    /**
     * @param strict    the partner's time must differ from the left row's (MATCH_CONDITION with {@code <} / {@code >})
     * @param tolerance the largest distance in ms between the two times, or {@code Long.MAX_VALUE}
     */
    public AsofJoin(Schema left, Schema right, int[] leftKeys, int[] rightKeys, int leftTime, int rightTime,
                    Direction direction, boolean strict, long tolerance, boolean keepUnmatched, Schema outputSchema) {
        this(left, right, leftKeys, rightKeys, leftTime, rightTime, direction, strict, tolerance, keepUnmatched,
                outputSchema, null);
    }

    /**
     * @param tombstones right rows that are deletes (a versioned table from an upsert source): a left row whose
     *                   partner is one has none — its key had no version at that time; null when no row is one
     */
    public AsofJoin(Schema left, Schema right, int[] leftKeys, int[] rightKeys, int leftTime, int rightTime,
                    Direction direction, boolean strict, long tolerance, boolean keepUnmatched, Schema outputSchema,
                    Tombstones tombstones) {
        this.tombstones = tombstones;
        this.buffers = new KeyedBuffers(left, right, leftKeys, rightKeys);
        this.output = new JoinOutput(left.size(), right.size());
        this.outputSchema = outputSchema;
        this.keepUnmatched = keepUnmatched;
        this.leftTime = leftTime;
        this.rightTime = rightTime;
        this.direction = direction;
        this.strict = strict;
        this.tolerance = tolerance;
    }

    @Override public void process(int side, Batch in, Batch out) {
        int tcol = side == LEFT ? leftTime : rightTime;
        for (int r = 0; r < in.size; r++) {
            if (!RowKind.isAccumulate(in.ops[r])) continue; // inputs are append-only (the planner checks)
            if (in.nulls[tcol][r] || buffers.hasNullKey(side, in, r)) {
                if (side == LEFT && keepUnmatched) output.write(out, RowKind.INSERT, in, r, null, 0);
                continue;
            }
            long ts = in.longs[tcol][r];
            KeyedBuffers.Sides ks = buffers.findOrCreate(side, in, r);
            int i = ks.side[side].add(in, r);
            if (side == RIGHT) ks.side[RIGHT].matches[i] = arrivals++;
            buffers.added();
            schedule(side, ts, ks.id);
        }
    }

    /** Timers for a held row of {@code side} at {@code ts} (on arrival and again on restore). */
    private void schedule(int side, long ts, int id) {
        timers.add(ts + 1, id); // the watermark passing the row's time may decide or free something
        if (side == LEFT && direction != Direction.BACKWARD && tolerance != Long.MAX_VALUE) {
            timers.add(ts + tolerance + 1, id); // past the tolerance: decided even without a later partner
        }
    }

    @Override public void onWatermark(long newWatermark, Batch out) {
        if (newWatermark <= watermark) return;
        watermark = newWatermark;
        while (!timers.isEmpty() && timers.peekTime() <= newWatermark) {
            KeyedBuffers.Sides ks = buffers.byId(timers.peekId());
            timers.pop();
            if (ks == null) continue;
            decide(ks, out);
            collect(ks);
            buffers.releaseIfEmpty(ks);
        }
        if (newWatermark == Long.MAX_VALUE) { // the end of input decides rows still waiting for a forward partner
            for (int id = 0; id < buffers.idLimit(); id++) {
                KeyedBuffers.Sides ks = buffers.byId(id);
                if (ks == null) continue;
                decide(ks, out);
                collect(ks);
                buffers.releaseIfEmpty(ks);
            }
        }
    }

    /**
     * Emits every left row of the key whose partner can no longer change. Right rows still to come have times at
     * or after the watermark W, so for a left row at {@code lt < W} the backward partner is final, a held forward
     * partner is final once its time is before W, and an unseen forward partner would be at least {@code W - lt}
     * away.
     */
    private void decide(KeyedBuffers.Sides ks, Batch out) {
        RowBuffer lefts = ks.side[LEFT];
        Batch rights = ks.side[RIGHT].rows;
        for (int i = lefts.size() - 1; i >= 0; i--) {
            long lt = lefts.rows.longs[leftTime][i];
            if (lt >= watermark) continue; // a partner at lt may still arrive
            long unseen = watermark - lt; // the nearest an unseen forward partner could be
            int back = direction == Direction.FORWARD ? -1 : best(ks, lt, true);
            int fwd = direction == Direction.BACKWARD ? -1 : best(ks, lt, false);
            long db = back < 0 ? Long.MAX_VALUE : lt - rights.longs[rightTime][back];
            long df = fwd < 0 || rights.longs[rightTime][fwd] >= watermark ? Long.MAX_VALUE : rights.longs[rightTime][fwd] - lt;
            int partner;
            if (direction == Direction.BACKWARD) {
                partner = db <= tolerance ? back : -1;
            } else if (df != Long.MAX_VALUE || unseen > tolerance || (direction == Direction.NEAREST && db <= unseen)
                    || watermark == Long.MAX_VALUE) { // the final watermark: nothing more will arrive
                long bestBack = direction == Direction.NEAREST && db <= tolerance ? db : Long.MAX_VALUE;
                long bestFwd = df <= tolerance ? df : Long.MAX_VALUE;
                if (bestBack == Long.MAX_VALUE && bestFwd == Long.MAX_VALUE) partner = -1;
                else partner = bestBack <= bestFwd ? back : fwd; // equally near: the earlier one
            } else { // a nearer forward partner may still come: look again once the watermark rules it out
                long wait = direction == Direction.NEAREST && back >= 0 ? Math.min(db, tolerance) : tolerance;
                if (wait != Long.MAX_VALUE) timers.add(lt + wait + 1, ks.id);
                continue;
            }
            if (partner >= 0 && tombstones != null && tombstones.isTombstone(rights, partner)) partner = -1;
            if (partner >= 0) output.write(out, RowKind.INSERT, lefts.rows, i, rights, partner);
            else if (keepUnmatched) output.write(out, RowKind.INSERT, lefts.rows, i, null, 0);
            lefts.removeAt(i);
            buffers.removed();
        }
    }

    /** The closest right row at or before ({@code backward}) or at or after {@code lt}; later arrival breaks ties. */
    private int best(KeyedBuffers.Sides ks, long lt, boolean backward) {
        RowBuffer rb = ks.side[RIGHT];
        Batch rights = rb.rows;
        int best = -1;
        for (int j = 0; j < rights.size; j++) {
            long t = rights.longs[rightTime][j];
            if (backward ? (strict ? t >= lt : t > lt) : (strict ? t <= lt : t < lt)) continue;
            if (best < 0) { best = j; continue; }
            long bt = rights.longs[rightTime][best];
            boolean closer = backward ? t > bt : t < bt;
            if (closer || (t == bt && rb.matches[j] - rb.matches[best] > 0)) best = j;
        }
        return best;
    }

    /**
     * Drops right rows no pending or future left row can pick: every left row still to be decided has a time at or
     * after the horizon (the watermark, or the oldest pending left row). Behind the horizon only the newest right
     * row can still be a backward partner; no row there can be a forward one.
     */
    private void collect(KeyedBuffers.Sides ks) {
        RowBuffer lefts = ks.side[LEFT], rb = ks.side[RIGHT];
        long horizon = watermark;
        for (int i = 0; i < lefts.size(); i++) horizon = Math.min(horizon, lefts.rows.longs[leftTime][i]);
        int keep = -1;
        if (direction != Direction.FORWARD) {
            for (int j = 0; j < rb.size(); j++) {
                long t = rb.rows.longs[rightTime][j];
                if (t >= horizon) continue;
                if (keep < 0 || t > rb.rows.longs[rightTime][keep]
                        || (t == rb.rows.longs[rightTime][keep] && rb.matches[j] - rb.matches[keep] > 0)) keep = j;
            }
        }
        // a delete as the newest version behind the horizon answers "no version" exactly as no row does
        boolean dropKeep = keep >= 0 && tombstones != null && lefts.size() == 0 && tombstones.isTombstone(rb.rows, keep);
        for (int j = rb.size() - 1; j >= 0; j--) {
            if ((j == keep && !dropKeep) || rb.rows.longs[rightTime][j] >= horizon) continue;
            rb.removeAt(j);
            if (keep == rb.size()) keep = j; // removeAt moved the last row into j
            buffers.removed();
        }
    }

    @Override public Schema outputSchema() { return outputSchema; }
    @Override public long stateSize() { return buffers.rows(); }

    /** {@code long watermark, int arrivals}, then the held rows; timers are rebuilt from the rows' times. */
    @Override public void snapshot(java.io.DataOutput out) throws java.io.IOException {
        out.writeLong(watermark);
        out.writeInt(arrivals);
        buffers.snapshot(out);
    }

    @Override public void restore(java.io.DataInput in) throws java.io.IOException {
        watermark = in.readLong();
        arrivals = in.readInt();
        timers.clear();
        buffers.restore(in, ks -> {
            for (int side = 0; side < 2; side++) {
                RowBuffer b = ks.side[side];
                int tcol = side == LEFT ? leftTime : rightTime;
                for (int i = 0; i < b.size(); i++) schedule(side, b.rows.longs[tcol][i], ks.id);
            }
        });
    }
}
