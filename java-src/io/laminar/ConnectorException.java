package io.laminar;

import java.util.Map;

/** A connector could not be configured, or failed to read or write. */
public class ConnectorException extends LaminarException {
    public ConnectorException(ErrorCode code, String message) {
        super(code, message);
    }

    public ConnectorException(ErrorCode code, String message, Map<String, ?> data, Throwable cause) {
        super(code, message, data, cause);
    }
}
