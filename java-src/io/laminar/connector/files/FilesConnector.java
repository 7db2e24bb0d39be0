package io.laminar.connector.files;

import io.laminar.ConnectorException;
import io.laminar.ErrorCode;
import io.laminar.connector.ConnectorFactory;
import io.laminar.connector.Options;
import io.laminar.connector.SinkConnector;
import io.laminar.connector.SourceConnector;
import io.laminar.data.Schema;
import io.laminar.format.Formats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * FILES: JSON-lines and CSV files as a bounded source and as a sink.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code path}</td><td>required</td><td>source: a file, a directory or a glob; sink: a file (parent
 *       directories are created)</td></tr>
 *   <tr><td>{@code format}</td><td>from the file name</td><td>{@code json} or {@code csv}; required unless the path
 *       ends in {@code .json}, {@code .jsonl}, {@code .ndjson} or {@code .csv}</td></tr>
 *   <tr><td>{@code csv.header}</td><td>source false, sink true</td><td>the first line names the columns</td></tr>
 *   <tr><td>{@code csv.delimiter}</td><td>{@code ,}</td><td>one character; {@code \t} for tab</td></tr>
 * </table>
 *
 * <pre>{@code
 * CREATE SOURCE bids (auction BIGINT, price BIGINT, ts TIMESTAMP(3))
 *   FROM FILES (path = 'data/bids-*.jsonl');
 * CREATE SINK out FROM hot_items INTO FILES (path = 'out/hot.csv', 'csv.delimiter' = ';');
 * }</pre>
 */
public final class FilesConnector implements ConnectorFactory {
    public static final String PATH = "path";
    public static final String FORMAT = "format";
    private static final Set<String> KEYS = Set.of(PATH, Formats.CSV_HEADER, Formats.CSV_DELIMITER);

    @Override public String name() { return "FILES"; }

    @Override public Set<String> optionKeys() { return KEYS; }

    @Override public void validateSource(String sourceName, Schema schema, Options options) {
        check(options);
    }

    @Override public void validateSink(String sinkName, Schema schema, Options options) {
        String path = check(options);
        if (Files.isDirectory(Path.of(path))) {
            throw options.bad(PATH, path, "names a directory; a FILES sink writes one file");
        }
        if (FileSet.isGlob(path)) {
            throw options.bad(PATH, path, "is a pattern; a FILES sink writes one file");
        }
    }

    @Override public SourceConnector createSource(String sourceName, Schema schema, Options options, Path workDir) {
        String path = check(options);
        return new FilesSource(sourceName, path, Formats.decoder(format(options), schema, options));
    }

    @Override public SinkConnector createSink(String sinkName, Schema schema, boolean updating, Options options, Path workDir) {
        validateSink(sinkName, schema, options);
        return new FilesSink(sinkName, Path.of(options.required(PATH)),
                Formats.encoder(format(options), schema, updating, options));
    }

    @Override public SinkConnector createTransactionalSink(String sinkName, Schema schema, boolean updating, Options options,
                                                           Path workDir) {
        validateSink(sinkName, schema, options);
        return FilesSink.transactional(sinkName, Path.of(options.required(PATH)),
                Formats.encoder(format(options), schema, updating, options));
    }

    /** Checks every option; returns the path. */
    private String check(Options options) {
        options.checkKnown(name(), KEYS);
        String path = options.required(PATH);
        Formats.validate(format(options), options);
        return path;
    }

    /** The {@code format} option, or the one the path's extension implies. */
    static String format(Options options) {
        String explicit = options.get(FORMAT, null);
        if (explicit != null && !explicit.isBlank()) return Formats.normalize(explicit, options);
        String path = options.required(PATH);
        String implied = Formats.forPath(path);
        if (implied != null) return implied;
        throw new ConnectorException(ErrorCode.BAD_OPTION, "option 'format' of " + options.objectName()
                + " is required: path '" + path + "' does not end in .json, .jsonl, .ndjson or .csv (formats: "
                + String.join(", ", Formats.NAMES) + ")", Map.of("object", options.objectName(), "option", FORMAT), null);
    }
}
