package io.laminar.format;

import io.laminar.ConnectorException;
import io.laminar.ErrorCode;
import java.util.Map;

/**
 * A record could not be decoded: malformed text, or a value that does not fit its column. {@link #reason()} is the
 * message without the error code, as it goes to a dead-letter output. Carries no stack trace: it describes bad
 * data, not a fault in the code, and sources may see many of them.
 */
public final class DecodeException extends ConnectorException {
    private final String reason;

    public DecodeException(ErrorCode code, String reason, Map<String, ?> data) {
        super(code, reason, data, null);
        this.reason = reason;
    }

    /** The human-readable reason, e.g. {@code column 'price' expects BIGINT, got 'abc'}. */
    public String reason() {
        return reason;
    }

    @Override public synchronized Throwable fillInStackTrace() {
        return this;
    }

    static DecodeException badRow(String reason) {
        return new DecodeException(ErrorCode.BAD_ROW, reason, Map.of());
    }
}
