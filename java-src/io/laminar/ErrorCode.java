package io.laminar;

import io.laminar.LaminarException.Category;

/**
 * The catalog of stable error codes. Codes never change meaning; new ones are appended. Messages are built at the
 * throw site (they name the object), the code says what kind of failure it is.
 */
public enum ErrorCode {
    // 1xxx: SQL and planning
    PARSE("LDB-1001", Category.INCORRECT),
    VALIDATION("LDB-1002", Category.INCORRECT),
    UNSUPPORTED_QUERY("LDB-1003", Category.UNSUPPORTED),
    OBJECT_NOT_FOUND("LDB-1004", Category.NOT_FOUND),
    OBJECT_EXISTS("LDB-1005", Category.CONFLICT),
    DEPENDENT_OBJECTS("LDB-1006", Category.CONFLICT),
    BAD_OPTION("LDB-1007", Category.INCORRECT),
    // 2xxx: data in
    UNKNOWN_COLUMN("LDB-2001", Category.INCORRECT),
    WRONG_TYPE("LDB-2002", Category.INCORRECT),
    MISSING_COLUMN("LDB-2003", Category.INCORRECT),
    BAD_ROW("LDB-2004", Category.INCORRECT),
    // 3xxx: connectors
    CONNECTOR("LDB-3001", Category.UNAVAILABLE),
    UNKNOWN_CONNECTOR("LDB-3002", Category.NOT_FOUND),
    /** A lookup table's external system could not answer a lookup (after a reconnect and one retry). */
    LOOKUP_FAILED("LDB-3003", Category.UNAVAILABLE),
    // 4xxx: lifecycle
    CLOSED("LDB-4001", Category.CONFLICT),
    TIMEOUT("LDB-4002", Category.UNAVAILABLE),
    // 7xxx: durability (WAL, state, checkpoints, recovery)
    /** A write-ahead log segment could not be written or read. */
    WAL_IO("LDB-7001", Category.UNAVAILABLE),
    /** A WAL record failed its length or CRC check (reported with the segment's path and offset). */
    WAL_CORRUPT("LDB-7002", Category.FAULT),
    /** Operator state (heap snapshot or RocksDB) could not be written or read. */
    STATE_IO("LDB-7003", Category.UNAVAILABLE),
    /** A checkpoint could not be taken (timeout, I/O) — the previous one stays valid. */
    CHECKPOINT_FAILED("LDB-7004", Category.UNAVAILABLE),
    /** No such checkpoint, or it is unreadable (manifest checksum, missing state file). */
    CHECKPOINT_NOT_FOUND("LDB-7005", Category.NOT_FOUND),
    /** The queries changed since the checkpoint was taken; restoring would load state into the wrong operator. */
    CHECKPOINT_PLAN_MISMATCH("LDB-7006", Category.CONFLICT),
    /** Checkpoints need a directory (Config.directory / --dir). */
    NO_DIRECTORY("LDB-7007", Category.INCORRECT),
    /** The catalog log in the directory is unreadable or disagrees with the statements being run. */
    CATALOG_MISMATCH("LDB-7008", Category.CONFLICT),
    // 5xxx: internal faults
    INTERNAL("LDB-5001", Category.FAULT),
    CODEGEN("LDB-5002", Category.FAULT),
    // 6xxx: the Clojure data-DSL (laminar.spec) and user-defined functions (io.laminar.function)
    DSL_UNKNOWN_KEY("LDB-6001", Category.INCORRECT),
    DSL_MISSING_KEY("LDB-6002", Category.INCORRECT),
    DSL_BAD_VALUE("LDB-6003", Category.INCORRECT),
    DSL_UNKNOWN_MAP("LDB-6004", Category.INCORRECT),
    FUNCTION_NOT_FOUND("LDB-6101", Category.NOT_FOUND),
    FUNCTION_CONFLICT("LDB-6102", Category.CONFLICT),
    FUNCTION_SIGNATURE("LDB-6103", Category.INCORRECT),
    FUNCTION_FAILED("LDB-6104", Category.INCORRECT),
    FORMAT_UNAVAILABLE("LDB-6201", Category.UNAVAILABLE);

    public final String code;
    public final Category category;

    ErrorCode(String code, Category category) {
        this.code = code;
        this.category = category;
    }
}
