package io.laminar.plan;

import io.laminar.data.Schema;
import io.laminar.operator.StreamOperator;
import io.laminar.state.StateBackend;

/**
 * The stateful step of a plan, run on the core that owns each row's key after the exchange: an aggregate
 * ({@link PhysicalAggregate}) or a row-holding window assigner ({@link PhysicalSessionAssign}).
 */
public interface PhysicalOperator {
    /** A fresh operator instance for one core, its state in {@code backend} under {@code name} (unique per instance). */
    StreamOperator instantiate(StateBackend backend, String name);

    /** An instance with heap state (tests, tools). */
    default StreamOperator instantiate() {
        return instantiate(StateBackend.HEAP, "operator");
    }

    Schema outputSchema();

    /** One line for EXPLAIN. */
    String explain();
}
