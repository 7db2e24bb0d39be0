package io.laminar.plan;

import io.laminar.data.Schema;
import io.laminar.operator.StreamOperator;
import io.laminar.operator.upsert.UpsertNormalize;
import io.laminar.state.StateBackend;

/**
 * The changelog of an upsert source (a SOURCE with a PRIMARY KEY), as every query reading the source sees it: rows
 * routed by the key, the key's current row kept, upserts and tombstones turned into +I/-U/+U/-D
 * ({@link UpsertNormalize}).
 */
record PhysicalUpsertNormalize(String source, Schema sourceSchema, int[] keyColumns) implements PhysicalOperator {

    @Override public StreamOperator instantiate(StateBackend backend, String name) {
        return new UpsertNormalize(sourceSchema, keyColumns); // heap state, snapshotted
    }

    /** The source's columns; updates carry no event time onward. */
    @Override public Schema outputSchema() { return new Schema(sourceSchema.fields(), -1); }

    @Override public String explain() {
        StringBuilder keys = new StringBuilder();
        for (int k : keyColumns) keys.append(keys.isEmpty() ? "" : ", ").append(sourceSchema.field(k).name());
        return "UpsertNormalize(" + source + " by PRIMARY KEY (" + keys + "); state: the current row of every key, "
                + "until a tombstone deletes it)";
    }
}
