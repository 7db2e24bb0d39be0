package io.laminar.connector;

import io.laminar.data.Schema;
import java.nio.file.Path;
import java.util.Set;

/**
 * Creates sources and sinks for one connector name ({@code FILES}, {@code GENERATOR}, ...). Factories are listed in
 * {@link Connectors}. Options arrive as lower-case keys; {@link #optionKeys()} lets the catalog reject a misspelt key
 * when the statement runs, naming it and the closest known key.
 */
public interface ConnectorFactory {
    /** Upper-case connector name as written after {@code FROM}/{@code INTO}. */
    String name();

    /** Every option key this connector understands (besides {@code connector} and {@code format}). */
    Set<String> optionKeys();

    /** Checks options and schema up front (CREATE time); throws a ConnectorException naming the bad option. */
    default void validateSource(String sourceName, Schema schema, Options options) {}

    default void validateSink(String sinkName, Schema schema, Options options) {}

    default SourceConnector createSource(String sourceName, Schema schema, Options options, Path workDir) {
        throw new io.laminar.ConnectorException(io.laminar.ErrorCode.UNKNOWN_CONNECTOR,
                "connector " + name() + " cannot be used as a source (in SOURCE " + sourceName + ")");
    }

    default SinkConnector createSink(String sinkName, Schema schema, boolean updating, Options options, Path workDir) {
        throw new io.laminar.ConnectorException(io.laminar.ErrorCode.UNKNOWN_CONNECTOR,
                "connector " + name() + " cannot be used as a sink (in SINK " + sinkName + ")");
    }

    /**
     * A sink for a database with checkpoints: connectors that support two-phase commit return a transactional
     * sink ({@link SinkConnector#isTransactional()}); the default is the plain one.
     */
    default SinkConnector createTransactionalSink(String sinkName, Schema schema, boolean updating, Options options,
                                                  Path workDir) {
        return createSink(sinkName, schema, updating, options, workDir);
    }
}
