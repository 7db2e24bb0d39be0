package io.laminar.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.laminar.ConnectorException;
import io.laminar.ErrorCode;
import io.laminar.connector.Options;
import io.laminar.data.Schema;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The row formats by name, and the options they take.
 *
 * <table>
 *   <caption>Formats</caption>
 *   <tr><th>format</th><th>options</th><th>records</th></tr>
 *   <tr><td>{@code json}</td><td>none</td><td>one JSON object per line</td></tr>
 *   <tr><td>{@code csv}</td><td>{@code csv.header} (default false; sinks write a header unless it is 'false'),
 *       {@code csv.delimiter} (default {@code ,}; {@code \t} for tab)</td><td>RFC 4180 lines</td></tr>
 * </table>
 *
 * <pre>{@code
 * RowDecoder d = Formats.decoder("json", schema, options);
 * d.decode("{\"auction\": 1, \"ts\": \"2026-01-01 00:00:05\"}", batch);
 * RowEncoder e = Formats.encoder("json", schema, false, options);
 * e.encode(batch, 0, sb);   // {"auction":1,"ts":"2026-01-01T00:00:05.000"}
 * }</pre>
 */
public final class Formats {
    public static final String JSON = "json";
    public static final String CSV = "csv";
    /** Every format name, in the order error messages list them. */
    public static final List<String> NAMES = List.of(JSON, CSV);

    public static final String CSV_HEADER = "csv.header";
    public static final String CSV_DELIMITER = "csv.delimiter";
    private static final Set<String> CSV_OPTIONS = Set.of(CSV_HEADER, CSV_DELIMITER);

    /** Shared: its root symbol table canonicalizes keys across parsers, which the decoders' key caches rely on. */
    private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private Formats() {}

    /**
     * The canonical (lower-case) name of {@code format}; throws BAD_OPTION naming the object and listing the
     * formats when it is unknown.
     */
    public static String normalize(String format, Options options) {
        String f = format.trim().toLowerCase(Locale.ROOT);
        if (f.equals("jsonl") || f.equals("ndjson")) f = JSON;
        if (NAMES.contains(f)) return f;
        String hint = Options.closest(f, NAMES);
        throw new ConnectorException(ErrorCode.BAD_OPTION, "unknown format '" + format + "' for " + options.objectName()
                + (hint != null ? "; did you mean " + hint + "?" : "") + " (formats: " + String.join(", ", NAMES) + ")",
                Map.of("object", options.objectName(), "option", "format", "format", format), null);
    }

    /** The format implied by a file name ({@code .json}, {@code .jsonl}, {@code .ndjson}, {@code .csv}, each optionally {@code .gz}), or null. */
    public static String forPath(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".gz")) p = p.substring(0, p.length() - 3);
        if (p.endsWith(".json") || p.endsWith(".jsonl") || p.endsWith(".ndjson")) return JSON;
        if (p.endsWith(".csv")) return CSV;
        return null;
    }

    /** The option keys a format understands. */
    public static Set<String> optionKeys(String format) {
        return normalize(format, new Options("format", Map.of())).equals(CSV) ? CSV_OPTIONS : Set.of();
    }

    /**
     * Checks a format's options: its own options are well-formed, and no other format's options are set
     * (e.g. {@code csv.header} with json).
     */
    public static void validate(String format, Options options) {
        String f = normalize(format, options);
        if (f.equals(CSV)) {
            csvDelimiter(options);
            options.getBoolean(CSV_HEADER, false);
        } else {
            for (String key : CSV_OPTIONS) {
                if (options.has(key)) throw options.bad(key, options.get(key, null), "applies to format csv only, not " + f);
            }
        }
    }

    public static RowDecoder decoder(String format, Schema schema, Options options) {
        String f = normalize(format, options);
        validate(f, options);
        return switch (f) {
            case CSV -> new CsvRowDecoder(schema, csvDelimiter(options), options.getBoolean(CSV_HEADER, false));
            default -> new JsonRowDecoder(JSON_FACTORY, schema);
        };
    }

    /** An encoder; {@code updating} adds the {@code _op} key/column with each row's kind. */
    public static RowEncoder encoder(String format, Schema schema, boolean updating, Options options) {
        String f = normalize(format, options);
        validate(f, options);
        return switch (f) {
            case CSV -> new CsvRowEncoder(schema, updating, csvDelimiter(options), options.getBoolean(CSV_HEADER, true));
            default -> new JsonRowEncoder(schema, updating);
        };
    }

    private static char csvDelimiter(Options options) {
        char d = options.getChar(CSV_DELIMITER, ',');
        if (d == '"' || d == '\n' || d == '\r') {
            throw options.bad(CSV_DELIMITER, String.valueOf(d), "cannot be a quote or a line break");
        }
        return d;
    }
}
