package io.laminar.connector;

import io.laminar.data.Batch;

/**
 * A running sink: receives the rows of one stream, in order, on the engine's background delivery thread (Ring 1) —
 * or on the producing core for a sink that asks for it ({@link #writesOnProducingCore()}).
 * Batches carry each row's {@link io.laminar.data.RowKind}; an append-only stream only has inserts.
 *
 * <p><b>Two-phase commit.</b> In a database with checkpoints, rows arrive in epochs: those between checkpoint
 * barriers {@code e-1} and {@code e} belong to epoch {@code e}. At barrier {@code e} the engine calls
 * {@link #preCommit} (make the epoch's output durable but invisible, and describe it in a transaction string); once
 * the checkpoint's manifest is on disk it calls {@link #commit}; on recovery it calls {@link #recover} with the
 * transaction of the checkpoint it restored, which must be committed if it is not yet (idempotently), while
 * everything later is rolled back. A sink that does not override these is at-least-once: its rows are written as
 * they come and replayed rows after a crash are written again.
 */
public interface SinkConnector extends AutoCloseable {
    /** Rows produced by the stream. The batch is only valid during the call. */
    void write(Batch batch) throws Exception;

    /** The stream's watermark advanced (rows older than it will not arrive for windowed results). */
    default void onWatermark(long watermarkMillis) throws Exception {}

    /** Makes everything written so far durable/visible (end of input, shutdown). */
    void flush() throws Exception;

    @Override void close() throws Exception;

    /**
     * True for a sink whose {@link #write} is quick and never blocks (it drops rows, counts them, or hands them to a
     * queue of its own): Laminar then calls it on the producing core's thread with the core's own batch (no copy, no
     * thread hop) when the stream has one producing core and the sink is not transactional — otherwise, and by
     * default, on the delivery thread. With inline execution that thread may be a writer's or a connector's.
     */
    default boolean writesOnProducingCore() { return false; }

    /**
     * True for an on-core sink ({@link #writesOnProducingCore()}) whose {@link #write} may run on several threads at
     * once (it keeps no state, or only thread-safe state): it is then written on the producing cores of a stream
     * produced on several cores too, each core calling it with its own rows, and gets no {@link #onWatermark} there
     * (each core's watermark alone says nothing about the stream's).
     */
    default boolean writesConcurrently() { return false; }

    /** True when this sink takes part in two-phase commit (its output is exactly-once). */
    default boolean isTransactional() { return false; }

    /** Rows that follow belong to {@code epoch}. */
    default void beginEpoch(long epoch) throws Exception {}

    /**
     * Barrier {@code epoch} arrived: make the epoch's rows durable, not yet visible. Returns a description of the
     * pending transaction, stored in the checkpoint manifest and handed back to {@link #commit} / {@link #recover}.
     */
    default String preCommit(long epoch) throws Exception {
        flush();
        return "";
    }

    /** The checkpoint of {@code epoch} is complete: publish its rows. Must be idempotent. */
    default void commit(long epoch, String transaction) throws Exception {}

    /** The epoch will never be committed (a failed checkpoint): discard its rows. */
    default void rollback(long epoch, String transaction) throws Exception {}

    /**
     * Opening over a directory: restore the state of checkpoint {@code epoch}, committing {@code transaction} if
     * it is still pending and discarding anything later. {@code transaction} is null when there is no checkpoint
     * (start empty).
     */
    default void recover(long epoch, String transaction) throws Exception {}
}
