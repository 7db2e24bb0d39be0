package io.laminar.plan;

import io.laminar.data.Schema;
import io.laminar.operator.StreamOperator;
import io.laminar.operator.rank.SortKey;
import io.laminar.operator.rank.RetractingTopN;
import io.laminar.operator.rank.TopN;
import io.laminar.state.StateBackend;

/** Top-N / deduplication per partition (see {@link TopN}); rows reach it routed by the partition columns. */
public record PhysicalTopN(Schema input, Schema outputSchema, int[] partitionKeys, SortKey order, int limit,
                           boolean emitRanks, boolean newerWinsTies, boolean retracting, String description)
        implements PhysicalOperator {
    @Override public StreamOperator instantiate(StateBackend backend, String name) {
        if (retracting) return new RetractingTopN(input, outputSchema, partitionKeys, order, limit, emitRanks);
        return new TopN(input, outputSchema, partitionKeys, order, limit, emitRanks, newerWinsTies); // heap state, snapshotted
    }

    @Override public String explain() {
        return "TopN(" + (limit == 1 ? (newerWinsTies ? "keep last, " : "deduplicate, ") : "n=" + limit + ", ") + description
                + (emitRanks ? ", rank changes emitted" : "") + (retracting
                ? ", over a changelog: state=every live row per partition (a retracted row's place is taken from below)"
                : ", state=" + limit + " rows per partition") + ")";
    }
}
