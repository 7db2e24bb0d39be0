package io.laminar.operator.join;

import io.laminar.data.Batch;
import io.laminar.data.Schema;

/**
 * A two-input stateful operator instance, owned by one core thread. {@code side} is 0 for the left input and 1 for
 * the right. Output rows are the left columns followed by the right columns.
 */
public interface JoinOperator {
    int LEFT = 0;
    int RIGHT = 1;

    void process(int side, Batch in, Batch out);

    /** The minimum of both inputs' watermarks advanced: emit what closes, evict what can no longer match. */
    void onWatermark(long watermark, Batch out);

    Schema outputSchema();

    /** Rows held across both sides. */
    long stateSize();
}
