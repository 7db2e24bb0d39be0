package io.laminar.checkpoint;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import java.util.Map;

/** A checkpoint could not be taken, found, read or restored; the message names the path or object. */
public final class CheckpointException extends LaminarException {
    public CheckpointException(ErrorCode code, String message, Map<String, ?> data) {
        super(code, message, data, null);
    }

    public CheckpointException(ErrorCode code, String message, Map<String, ?> data, Throwable cause) {
        super(code, message, data, cause);
    }
}
