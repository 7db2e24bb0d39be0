package io.laminar.connector;

/**
 * A running source: reads records from somewhere and decodes them into the engine through a {@link SourceContext}.
 * The engine gives each source connector its own thread and calls {@link #run} once.
 */
public interface SourceConnector extends AutoCloseable {
    /**
     * Reads until the input is exhausted (bounded sources: then return, and the engine applies the final
     * +infinity watermark) or until {@link SourceContext#isStopped()} (unbounded sources).
     */
    void run(SourceContext context) throws Exception;

    /** True when the input has an end (files, a generator with an event count). */
    boolean isBounded();

    @Override default void close() throws Exception {}

    /**
     * Where reading stands, as an opaque string stored in checkpoints; called on the connector's own thread
     * between records. Null: the connector cannot rewind (after recovery it starts from its beginning).
     */
    default String position() { return null; }

    /** Before {@link #run}: continue from a {@link #position()} taken earlier (recovery, RESTORE). */
    default void seek(String position) {}
}
