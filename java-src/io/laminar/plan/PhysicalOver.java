package io.laminar.plan;

import io.laminar.data.Schema;
import io.laminar.operator.StreamOperator;
import io.laminar.operator.over.OverCall;
import io.laminar.operator.over.OverFrame;
import io.laminar.operator.over.OverWindow;
import io.laminar.state.StateBackend;
import java.util.List;

/**
 * An OVER window (see {@link OverWindow}); rows reach it routed by the PARTITION BY columns (all to one core when
 * there are none). {@code description} names the functions, partition, order and frames for EXPLAIN.
 */
public record PhysicalOver(Schema input, Schema outputSchema, int[] partitionKeys, int timeColumn, List<OverCall> calls,
                           List<OverFrame> frames, String description) implements PhysicalOperator {
    @Override public StreamOperator instantiate(StateBackend backend, String name) {
        return new OverWindow(input, outputSchema, partitionKeys, timeColumn, calls, frames); // heap state, snapshotted
    }

    @Override public String explain() {
        return "OverWindow(" + description + ", rows processed when the watermark passes " + input.field(timeColumn).name()
                + ", state=per partition its counters and recent rows; grows with distinct partitions)";
    }
}
