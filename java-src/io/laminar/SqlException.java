package io.laminar;

import java.util.Map;

/** A statement could not be parsed, validated or planned. {@code data} holds {@code line}/{@code column} when known. */
public class SqlException extends LaminarException {
    public SqlException(ErrorCode code, String message) {
        super(code, message);
    }

    public SqlException(ErrorCode code, String message, Map<String, ?> data, Throwable cause) {
        super(code, message, data, cause);
    }
}
