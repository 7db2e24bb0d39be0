package io.laminar.plan;

import io.laminar.data.Schema;
import io.laminar.exec.ExecStage;

/**
 * A stateless step of a physical plan (a compiled Calc, a window assigner). Immutable and shared; each core gets
 * its own {@link ExecStage} instance from {@link #instantiate()}.
 */
public interface PhysicalStage {
    Schema outputSchema();

    ExecStage instantiate();

    /** One line for EXPLAIN. */
    String explain();

    /** The generated Java source for EXPLAIN CODE, or null when the stage runs no generated code. */
    default String code() { return null; }
}
