package io.laminar.operator.rank;

import io.laminar.data.Batch;
import io.laminar.data.Schema;
import io.laminar.operator.StreamOperator;

/** What both top-N operators share: their ranking, their partitions' state, its size and its checkpoint. */
abstract class RankingOperator implements StreamOperator {
    protected final Schema output;
    protected final SortKey order;
    protected final int limit;
    protected final boolean emitRanks;
    protected final RankedPartitions partitions;
    /** Rows held across all partitions. */
    protected long rows;

    RankingOperator(Schema input, Schema output, int[] partitionKeys, SortKey order, int limit, boolean emitRanks,
                    int partitionCapacity) {
        if (limit < 1) throw new IllegalArgumentException("top-N needs N >= 1, got " + limit);
        this.output = output;
        this.order = order;
        this.limit = limit;
        this.emitRanks = emitRanks;
        this.partitions = new RankedPartitions(input, partitionKeys, partitionCapacity);
    }

    @Override public void onWatermark(long watermark, Batch out) {} // rankings never close

    @Override public Schema outputSchema() { return output; }
    @Override public long stateSize() { return rows; }

    @Override public void snapshot(java.io.DataOutput out) throws java.io.IOException {
        partitions.snapshot(out);
    }

    @Override public void restore(java.io.DataInput in) throws java.io.IOException {
        rows = partitions.restore(in);
    }
}
