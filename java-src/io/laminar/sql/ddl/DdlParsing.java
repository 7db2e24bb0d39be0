package io.laminar.sql.ddl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Support code called from the grammar actions of the generated parser ({@code parserImpls.ftl}). Not API: it is
 * public only because the generated parser lives in another package. Errors are thrown as
 * {@link CalciteContextException}, which the parser turns into a positioned {@code SqlParseException}.
 */
public final class DdlParsing {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private DdlParsing() {}

    /** Connector, options and format of a source or sink after the WITH form has been normalised. */
    public record Connection(String connector, Map<String, String> options, String format) {}

    /** A positioned parse error with {@code message}. */
    public static CalciteContextException error(SqlParserPos pos, String message) {
        return new CalciteContextException(message, new CalciteException(message, null),
            pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
    }

    /** Whether a token's text is a plain word (an identifier or a keyword, reserved or not). */
    public static boolean isWord(String image) {
        return WORD.matcher(image).matches();
    }

    /** The text of a (possibly continued) string literal. */
    public static String stringValue(SqlNode literal) {
        return SqlLiteral.unchain(literal).getValueAs(String.class);
    }

    public static long checkpointId(String image, SqlParserPos pos) {
        try {
            return Long.parseLong(image);
        } catch (NumberFormatException e) {
            throw error(pos, "checkpoint id " + image + " is too large");
        }
    }

    public static void putOption(Map<String, String> options, String key, String value, SqlParserPos pos) {
        if (options.putIfAbsent(key, value) != null) {
            throw error(pos, "option '" + key + "' is given twice");
        }
    }

    public static void addWatermark(List<SqlWatermark> watermarks, SqlWatermark watermark) {
        if (!watermarks.isEmpty()) {
            throw error(watermark.pos, "a source has at most one WATERMARK");
        }
        watermarks.add(watermark);
    }

    public static void noWatermark(List<SqlWatermark> watermarks) {
        if (!watermarks.isEmpty()) {
            throw error(watermarks.get(0).pos, "a table has no WATERMARK; declare event time on a SOURCE");
        }
    }

    public static void setPrimaryKey(List<String> primaryKey, SqlNodeList keys, SqlParserPos pos) {
        if (!primaryKey.isEmpty()) {
            throw error(pos, "PRIMARY KEY is given twice");
        }
        for (SqlNode key : keys) {
            primaryKey.add(((SqlIdentifier) key).getSimple());
        }
    }

    /**
     * Normalises the connector clause. In the WITH form the connector is the {@code 'connector'} option; in both
     * forms a {@code 'format'} option becomes the format when {@code extractFormat} (sources and sinks). Connector
     * and format are upper-cased; a format given both as an option and as a FORMAT clause must agree.
     */
    public static Connection connection(String connector, Map<String, String> options, boolean withForm,
                                        String format, boolean extractFormat, SqlParserPos pos) {
        final Map<String, String> rest = new LinkedHashMap<>(options);
        if (withForm) {
            final String c = rest.remove("connector");
            connector = c == null ? null : c.toUpperCase(Locale.ROOT);
        }
        if (extractFormat && rest.containsKey("format")) {
            final String f = rest.remove("format").toUpperCase(Locale.ROOT);
            if (format != null && !format.equals(f)) {
                throw error(pos, "format is given twice: FORMAT " + format + " and 'format' = '" + f + "'");
            }
            format = f;
        }
        return new Connection(connector, rest, format);
    }
}
