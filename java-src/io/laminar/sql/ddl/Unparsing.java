package io.laminar.sql.ddl;

import io.laminar.sql.parser.LaminarSqlParserImpl;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.SqlWriterConfig;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;

/** Unparsing helpers shared by the statement nodes, and the dialect their {@code toString()} uses (also behind
 * {@code SqlStatements.toSql}). */
public final class Unparsing {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final SqlAbstractParserImpl.Metadata KEYWORDS =
        LaminarSqlParserImpl.FACTORY.getParser(new StringReader("")).getMetadata();

    /**
     * Laminar's own dialect for printing: double-quoted identifiers, case kept as written, and quotes only where
     * needed (a name that is not a plain word, or a word Laminar's parser reserves). Calcite's
     * {@code SqlNode.toString()} prints with back-ticks, which the Laminar parser does not read.
     */
    public static final SqlDialect DIALECT = new SqlDialect(SqlDialect.EMPTY_CONTEXT
        .withDatabaseProduct(SqlDialect.DatabaseProduct.CALCITE)
        .withIdentifierQuoteString("\"")
        .withUnquotedCasing(Casing.UNCHANGED)
        .withQuotedCasing(Casing.UNCHANGED)
        .withCaseSensitive(false)) {
        @Override protected boolean identifierNeedsQuote(String name) {
            return !WORD.matcher(name).matches() || KEYWORDS.isReservedWord(name.toUpperCase(Locale.ROOT));
        }
    };

    /** Every identifier goes through {@link #DIALECT}, which decides whether to quote it. */
    private static final SqlWriterConfig CONFIG = SqlPrettyWriter.config()
        .withDialect(DIALECT)
        .withQuoteAllIdentifiers(true)
        .withAlwaysUseParentheses(false)
        .withSelectListItemsOnSeparateLines(false)
        .withUpdateSetListNewline(false)
        .withIndentation(0);

    private Unparsing() {}

    public static String toSql(SqlNode node) {
        final SqlPrettyWriter writer = new SqlPrettyWriter(CONFIG);
        node.unparse(writer, 0, 0);
        return writer.toSqlString().getSql();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** {@code ('k' = 'v', ...)}; keys and values are always printed as string literals. */
    static void options(SqlWriter writer, Map<String, String> options) {
        final SqlWriter.Frame frame = writer.startList("(", ")");
        for (Map.Entry<String, String> e : options.entrySet()) {
            writer.sep(",");
            writer.literal(quote(e.getKey()));
            writer.keyword("=");
            writer.literal(quote(e.getValue()));
        }
        writer.endList(frame);
    }

    /** An unmodifiable copy that keeps the declaration order. */
    static Map<String, String> copy(Map<String, String> options) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** {@code (column, ..., WATERMARK FOR c AS e, PRIMARY KEY (k, ...))}, or nothing if all are empty. */
    static void elements(SqlWriter writer, List<SqlColumn> columns, SqlWatermark watermark, List<String> primaryKey) {
        if (columns.isEmpty() && watermark == null && primaryKey.isEmpty()) {
            return;
        }
        final SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlColumn column : columns) {
            writer.sep(",");
            column.unparse(writer);
        }
        if (watermark != null) {
            writer.sep(",");
            watermark.unparse(writer);
        }
        if (!primaryKey.isEmpty()) {
            writer.sep(",");
            writer.keyword("PRIMARY KEY");
            final SqlWriter.Frame keys = writer.startList("(", ")");
            for (String key : primaryKey) {
                writer.sep(",");
                writer.identifier(key, false);
            }
            writer.endList(keys);
        }
        writer.endList(frame);
    }

    /**
     * The connector clause: {@code <intoOrFrom> CONNECTOR [(options)]} when a connector is named, else
     * {@code WITH (options)} when there are options; then {@code FORMAT f}.
     */
    static void connection(SqlWriter writer, String intoOrFrom, String connector, Map<String, String> options,
                           String format) {
        if (connector != null) {
            writer.keyword(intoOrFrom);
            writer.identifier(connector, false);
            if (!options.isEmpty()) {
                options(writer, options);
            }
        } else if (!options.isEmpty()) {
            writer.keyword("WITH");
            options(writer, options);
        }
        if (format != null) {
            writer.keyword("FORMAT");
            writer.identifier(format, false);
        }
    }
}
