/**
 * The connector SPI: a {@link io.laminar.connector.ConnectorFactory} per name creates {@link io.laminar.connector.SourceConnector}s (each on its own thread, decoding straight into the engine's batch through a {@link io.laminar.connector.SourceContext}) and {@link io.laminar.connector.SinkConnector}s (called on the delivery thread). {@link io.laminar.connector.Options} gives typed options whose errors name the object and the key.
 */
package io.laminar.connector;
