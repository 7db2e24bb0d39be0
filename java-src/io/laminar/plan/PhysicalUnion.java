package io.laminar.plan;

import io.laminar.data.Batch;
import io.laminar.data.Schema;
import io.laminar.operator.StreamOperator;
import io.laminar.state.StateBackend;

/**
 * UNION ALL: rows of every input pass through unchanged, on the core they arrived on. It is an operator only so the
 * runtime merges the inputs' watermarks (the minimum) and aligns their checkpoint barriers; it holds no rows.
 */
public record PhysicalUnion(Schema outputSchema, int inputs) implements PhysicalOperator {
    @Override public StreamOperator instantiate(StateBackend backend, String name) {
        return new StreamOperator() {
            @Override public void process(Batch in, Batch out) {
                for (int r = 0; r < in.size; r++) out.appendRow(in, r, in.ops[r]);
            }

            @Override public void onWatermark(long watermark, Batch out) {}
            @Override public Schema outputSchema() { return outputSchema; }
            @Override public long stateSize() { return 0; }
            @Override public void snapshot(java.io.DataOutput out) {}
            @Override public void restore(java.io.DataInput in) {}
        };
    }

    @Override public String explain() { return "UnionAll(" + inputs + " inputs)"; }
}
