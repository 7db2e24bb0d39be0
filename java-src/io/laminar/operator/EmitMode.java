package io.laminar.operator;

/** When a stateful operator emits (DESIGN.md §3 "EMIT"). */
public enum EmitMode {
    /** One final row per window once the watermark passes its end plus the allowed lateness; append-only. */
    ON_WINDOW_CLOSE,
    /** As ON_WINDOW_CLOSE with zero lateness. */
    FINAL,
    /** Every change of a result row as +I/-U/+U/-D. */
    CHANGES,
    /** Periodic snapshots of changed rows of open windows, then the final row when the window closes. */
    EVERY;

    public boolean isUpdating() {
        return this == CHANGES || this == EVERY;
    }

    public String sql() {
        return switch (this) {
            case ON_WINDOW_CLOSE -> "EMIT ON WINDOW CLOSE";
            case FINAL -> "EMIT FINAL";
            case CHANGES -> "EMIT CHANGES";
            case EVERY -> "EMIT EVERY";
        };
    }
}
