package io.laminar.operator.join;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;

/**
 * Regular (unbounded) equi-join over inputs that may themselves be changelogs. Every row is held for as long as
 * the query runs (the planner only builds this when the user accepted unbounded state), and the output is a
 * changelog: a new row joins every held partner (+I); a retraction (-U/-D) of a held row retracts each of its
 * joined rows (-D). Outer joins keep a null-padded row for a row without partners, and retract it (-D) when the
 * first partner arrives — or emit it again (+I) when the last partner goes.
 */
public final class RegularJoin implements JoinOperator {
    private final KeyedBuffers buffers;
    private final JoinOutput output;
    private final Schema outputSchema;
    private final JoinType type;
    private long unmatchedRetractions;

    public RegularJoin(Schema left, Schema right, int[] leftKeys, int[] rightKeys, JoinType type, Schema outputSchema) {
        this.buffers = new KeyedBuffers(left, right, leftKeys, rightKeys);
        this.output = new JoinOutput(left.size(), right.size());
        this.outputSchema = outputSchema;
        this.type = type;
    }

    @Override public void process(int side, Batch in, Batch out) {
        final int other = 1 - side;
        final boolean keepMine = type.keeps(side), keepTheirs = type.keeps(other);
        for (int r = 0; r < in.size; r++) {
            boolean add = RowKind.isAccumulate(in.ops[r]);
            if (buffers.hasNullKey(side, in, r)) { // never matches; outer joins pass it through padded
                if (keepMine) output.writeSided(out, add ? RowKind.INSERT : RowKind.DELETE, side, in, r, null, 0);
                continue;
            }
            if (add) {
                KeyedBuffers.Sides ks = buffers.findOrCreate(side, in, r);
                RowBuffer theirs = ks.side[other];
                Batch rows = theirs.rows;
                for (int j = 0; j < rows.size; j++) {
                    if (keepTheirs && theirs.matches[j] == 0) output.writeSided(out, RowKind.DELETE, other, rows, j, null, 0);
                    output.writeSided(out, RowKind.INSERT, side, in, r, rows, j);
                    theirs.matches[j]++;
                }
                if (rows.size == 0 && keepMine) output.writeSided(out, RowKind.INSERT, side, in, r, null, 0);
                int i = ks.side[side].add(in, r);
                ks.side[side].matches[i] = rows.size;
                ks.side[side].rows.ops[i] = RowKind.INSERT;
                buffers.added();
            } else {
                KeyedBuffers.Sides ks = buffers.find(side, in, r);
                int i = ks == null ? -1 : ks.side[side].find(in, r);
                if (i < 0) { // retraction of a row never seen (e.g. filtered upstream): nothing to undo
                    unmatchedRetractions++;
                    continue;
                }
                RowBuffer mine = ks.side[side], theirs = ks.side[other];
                Batch rows = theirs.rows;
                for (int j = 0; j < rows.size; j++) {
                    output.writeSided(out, RowKind.DELETE, side, mine.rows, i, rows, j);
                    if (--theirs.matches[j] == 0 && keepTheirs) output.writeSided(out, RowKind.INSERT, other, rows, j, null, 0);
                }
                if (rows.size == 0 && keepMine) output.writeSided(out, RowKind.DELETE, side, mine.rows, i, null, 0);
                mine.removeAt(i);
                buffers.removed();
                buffers.releaseIfEmpty(ks);
            }
        }
    }

    @Override public void onWatermark(long watermark, Batch out) {} // nothing closes: state lives as long as the query

    @Override public Schema outputSchema() { return outputSchema; }
    @Override public long stateSize() { return buffers.rows(); }
    public long unmatchedRetractions() { return unmatchedRetractions; }

    /** {@code long unmatchedRetractions}, then the held rows with their partner counts. */
    @Override public void snapshot(java.io.DataOutput out) throws java.io.IOException {
        out.writeLong(unmatchedRetractions);
        buffers.snapshot(out);
    }

    @Override public void restore(java.io.DataInput in) throws java.io.IOException {
        unmatchedRetractions = in.readLong();
        buffers.restore(in, ks -> { });
    }
}
