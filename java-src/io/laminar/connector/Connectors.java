package io.laminar.connector;

import io.laminar.ConnectorException;
import io.laminar.ErrorCode;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The registry of connector factories by name. Built-ins are registered here; MEMORY is handled by the engine. */
public final class Connectors {
    private static final Map<String, ConnectorFactory> FACTORIES = new TreeMap<>();

    static {
        register(new io.laminar.connector.files.FilesConnector());
        register(new io.laminar.connector.generator.GeneratorConnector());
        register(new BlackholeConnector());
    }

    private Connectors() {}

    public static synchronized void register(ConnectorFactory factory) {
        FACTORIES.put(factory.name().toUpperCase(Locale.ROOT), factory);
    }

    public static synchronized ConnectorFactory get(String name) {
        ConnectorFactory f = FACTORIES.get(name.toUpperCase(Locale.ROOT));
        if (f == null) {
            String hint = Options.closest(name.toUpperCase(Locale.ROOT), FACTORIES.keySet());
            throw new ConnectorException(ErrorCode.UNKNOWN_CONNECTOR, "unknown connector '" + name + "'"
                    + (hint != null ? "; did you mean " + hint + "?" : "; available: MEMORY, " + String.join(", ", FACTORIES.keySet())),
                    Map.of("connector", name), null);
        }
        return f;
    }
}
