/**
 * The connector SPI: a {@link io.laminar.connector.ConnectorFactory} per name creates
 * {@link io.laminar.connector.SourceConnector}s (each on its own thread, decoding straight into the engine's batch
 * through a {@link io.laminar.connector.SourceContext}) and {@link io.laminar.connector.SinkConnector}s (called on
 * the delivery thread). {@link io.laminar.connector.Options} gives typed options whose errors name the object and
 * the key.
 *
 * <p>Exactly-once hooks: a source that can rewind reports an opaque {@code position()} (taken at each checkpoint
 * barrier) and accepts {@code seek(position)} before it runs again; a sink that can take part in two-phase commit
 * returns {@code isTransactional()} and implements {@code preCommit}/{@code commit}/{@code rollback}/{@code recover}
 * per epoch (see {@link io.laminar.connector.SinkConnector}); a factory creates it through
 * {@code createTransactionalSink} in databases with a directory.
 */
package io.laminar.connector;
