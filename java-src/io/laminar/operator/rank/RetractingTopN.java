package io.laminar.operator.rank;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;

/**
 * Top-N per partition over a changelog (+I/-U/+U/-D), as Flink's retractable top-N: a retracted row may have been in
 * the top N, and then the best row below it moves up, so each partition keeps all its live rows in order (state
 * grows with the partition, which EXPLAIN says). Output as {@link TopN}'s: the input columns and the rank; a row
 * entering the top N is inserted (+I), one leaving it deleted (-D), and with {@code emitRanks} rows whose rank moved
 * are updated (-U/+U). Ties keep arrival order.
 */
public final class RetractingTopN extends RankingOperator {
    public RetractingTopN(Schema input, Schema output, int[] partitionKeys, SortKey order, int limit, boolean emitRanks) {
        super(input, output, partitionKeys, order, limit, emitRanks, 16);
    }

    @Override public void process(Batch in, Batch out) {
        for (int r = 0; r < in.size; r++) {
            boolean accumulate = RowKind.isAccumulate(in.ops[r]);
            RankedPartitions.Partition p = partitions.of(in, r, accumulate);
            if (accumulate) {
                insert(p.rows, in, r, out);
                rows++;
            } else if (p != null && remove(p.rows, in, r, out)) {
                rows--;
                if (p.rows.size == 0) partitions.remove(p);
            }
        }
    }

    private void insert(Batch sorted, Batch in, int r, Batch out) {
        int pos = sorted.size;
        while (pos > 0 && order.compare(in, r, sorted, pos - 1) < 0) pos--; // ties: after the rows already there
        int before = sorted.size;
        sorted.addRow(RowKind.INSERT);
        for (int i = before; i > pos; i--) sorted.copyRow(i, sorted, i - 1);
        sorted.copyRow(pos, in, r);
        if (pos >= limit) return; // below the top N: nothing visible changes
        if (before >= limit) partitions.write(out, RowKind.DELETE, sorted, limit, limit); // pushed out (now at index limit)
        if (emitRanks) {
            for (int i = Math.min(before, limit - 1); i > pos; i--) { // rank i (1-based) became i + 1
                partitions.write(out, RowKind.UPDATE_BEFORE, sorted, i, i);
                partitions.write(out, RowKind.UPDATE_AFTER, sorted, i, i + 1);
            }
        }
        partitions.write(out, RowKind.INSERT, sorted, pos, pos + 1);
    }

    /** Removes the first live row equal to row {@code r} of {@code in}; false when there is none. */
    private boolean remove(Batch sorted, Batch in, int r, Batch out) {
        int pos = -1;
        for (int i = 0; i < sorted.size && pos < 0; i++) if (sorted.sameValues(i, in, r)) pos = i;
        if (pos < 0) return false;
        int before = sorted.size;
        if (pos < limit) {
            partitions.write(out, RowKind.DELETE, sorted, pos, pos + 1);
            if (emitRanks) {
                for (int i = pos + 1; i < Math.min(before, limit); i++) { // rank i + 1 becomes i
                    partitions.write(out, RowKind.UPDATE_BEFORE, sorted, i, i + 1);
                    partitions.write(out, RowKind.UPDATE_AFTER, sorted, i, i);
                }
            }
            if (before > limit) partitions.write(out, RowKind.INSERT, sorted, limit, limit); // the best row below moves up
        }
        for (int i = pos; i < before - 1; i++) sorted.copyRow(i, sorted, i + 1);
        RankedPartitions.clearRow(sorted, before - 1);
        sorted.size = before - 1;
        return true;
    }
}
