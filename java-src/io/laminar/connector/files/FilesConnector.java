package io.laminar.connector.files;

import io.laminar.connector.ConnectorFactory;
import java.util.Set;

/** FILES: JSON-lines and CSV files as a bounded source and as a sink. */
public final class FilesConnector implements ConnectorFactory {
    @Override public String name() { return "FILES"; }
    @Override public Set<String> optionKeys() { return Set.of("path", "csv.header", "csv.delimiter"); }
}
