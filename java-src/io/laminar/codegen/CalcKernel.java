package io.laminar.codegen;

import io.laminar.data.Batch;

/**
 * The filter-and-project step of a pipeline, over whole batches. Made by {@link CalcProgram#newKernel()}, one per
 * core thread: a kernel is single-threaded and may keep scratch state between calls.
 */
public interface CalcKernel {
    /**
     * Evaluates the condition and projections for rows {@code [0, in.size)} of {@code in}; appends each passing row
     * to {@code out} (copying {@code in.ops[row]} as the row kind). Returns the number of rows appended.
     * {@code in} and {@code out} must be different batches. A runtime error in an expression (division by zero,
     * a cast that does not fit) throws {@link io.laminar.LaminarException} with code
     * {@link io.laminar.ErrorCode#BAD_ROW}; rows appended before it stay in {@code out}.
     */
    int process(Batch in, Batch out);
}
