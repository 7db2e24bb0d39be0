package io.laminar.operator.join;

import io.laminar.data.Batch;
import io.laminar.operator.StreamOperator;

/**
 * A two-input stateful operator instance, owned by one core thread. {@code side} is 0 for the left input and 1 for
 * the right. Output rows are the left columns followed by the right columns. The watermark it is given is the
 * minimum over both inputs.
 */
public interface JoinOperator extends StreamOperator {
    int LEFT = 0;
    int RIGHT = 1;

    @Override void process(int side, Batch in, Batch out);

    /** A join's rows always arrive with their side. */
    @Override default void process(Batch in, Batch out) {
        throw new IllegalStateException(getClass().getSimpleName() + " needs to know which input a batch comes from");
    }
}
