package io.laminar.plan;

import io.laminar.data.Schema;
import io.laminar.operator.StreamOperator;

/**
 * The stateful step of a plan, run on the core that owns each row's key after the exchange: an aggregate
 * ({@link PhysicalAggregate}) or a row-holding window assigner ({@link PhysicalSessionAssign}).
 */
public interface PhysicalOperator {
    /** A fresh operator instance for one core. */
    StreamOperator instantiate();

    Schema outputSchema();

    /** One line for EXPLAIN. */
    String explain();
}
