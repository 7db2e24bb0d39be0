package io.laminar.plan;

import io.laminar.data.Schema;
import io.laminar.operator.StreamOperator;
import io.laminar.operator.window.SessionAssign;
import io.laminar.state.StateBackend;
import java.util.Arrays;

/** SESSION as a table function without aggregation: rows held per session key until their session closes. */
public record PhysicalSessionAssign(Schema input, Schema outputSchema, int[] keyColumns, long gap, int timeColumn,
                                    long lateness) implements PhysicalOperator {
    @Override public StreamOperator instantiate(StateBackend backend, String name) {
        return new SessionAssign(input, outputSchema, keyColumns, gap, timeColumn, lateness); // held rows: heap, snapshotted
    }

    @Override public String explain() {
        String keys = Arrays.stream(keyColumns).mapToObj(c -> input.field(c).name()).toList().toString();
        return "SessionAssign(SESSION(" + input.field(timeColumn).name() + ", gap=" + gap + "ms), keys=" + keys
                + (lateness > 0 ? ", lateness=" + lateness + "ms" : "") + ", state=rows held until their session closes)";
    }
}
