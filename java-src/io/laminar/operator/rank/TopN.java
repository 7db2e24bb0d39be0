package io.laminar.operator.rank;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;

/**
 * Top-N per partition over an append-only input: {@code ROW_NUMBER() OVER (PARTITION BY p ORDER BY o) <= N}.
 * Each partition holds its best N rows in order (ties keep arrival order). A row that enters the top N is
 * inserted (+I) and the row it pushes out deleted (-D). When the rank number is part of the output
 * ({@code emitRanks}), rows whose rank moved are updated (-U/+U) too. Output: the input columns, then the rank.
 * With N = 1 this is deduplication (keep first by ascending time, keep last by descending time).
 */
public final class TopN extends RankingOperator {
    private final boolean newerWinsTies;

    /**
     * @param newerWinsTies a row equal in order to a held one ranks above it (keep-last deduplication: the latest
     *                      arrival among rows with the same time wins, as in Flink); otherwise ties keep arrival order
     */
    public TopN(Schema input, Schema output, int[] partitionKeys, SortKey order, int limit, boolean emitRanks,
                boolean newerWinsTies) {
        super(input, output, partitionKeys, order, limit, emitRanks, Math.min(limit + 1, 16));
        this.newerWinsTies = newerWinsTies;
    }

    @Override public void process(Batch in, Batch out) {
        for (int r = 0; r < in.size; r++) {
            Batch top = partitions.of(in, r, true).rows;
            int pos = top.size;
            int moveUpBelow = newerWinsTies ? 1 : 0; // compare < 1: better or tied moves up; < 0: strictly better
            while (pos > 0 && order.compare(in, r, top, pos - 1) < moveUpBelow) pos--;
            if (pos >= limit) continue;
            // make room at pos: shift rows down by one, from the bottom
            int last = top.size;
            top.addRow(RowKind.INSERT);
            for (int i = last; i > pos; i--) top.copyRow(i, top, i - 1);
            top.copyRow(pos, in, r);
            if (top.size > limit) { // the previous last row leaves the top N
                partitions.write(out, RowKind.DELETE, top, limit, limit);
                RankedPartitions.clearRow(top, limit);
                top.size = limit;
            } else {
                rows++;
            }
            if (emitRanks) {
                for (int i = Math.min(top.size, limit) - 1; i > pos; i--) {
                    partitions.write(out, RowKind.UPDATE_BEFORE, top, i, i);       // it was rank i (1-based), now i + 1
                    partitions.write(out, RowKind.UPDATE_AFTER, top, i, i + 1);
                }
            }
            partitions.write(out, RowKind.INSERT, top, pos, pos + 1);
        }
    }
}
