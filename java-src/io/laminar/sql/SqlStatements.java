package io.laminar.sql;

import io.laminar.ErrorCode;
import io.laminar.SqlException;
import io.laminar.sql.ddl.Unparsing;
import io.laminar.sql.parser.LaminarSqlParserImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Parses Laminar SQL: scripts of {@code ;}-separated statements, one statement, and the parser configuration the
 * rest of the engine (validator, planner) must share. Parse errors are {@link SqlException}s with
 * {@link ErrorCode#PARSE} and {@code line}, {@code column} (1-based, in the whole script) and {@code statement} in
 * their data. Stateless and thread-safe.
 */
public final class SqlStatements {
    /**
     * The parser configuration: Laminar's generated parser, double-quoted identifiers, identifier case kept as
     * written and matched case-insensitively.
     * <p>
     * Conformance is {@link SqlConformanceEnum#LENIENT}: every conformance parses window table functions
     * ({@code TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND))}) and {@code LIMIT n}, but only
     * LENIENT also accepts what users coming from Flink, MySQL and Postgres write without thinking: {@code !=},
     * {@code %}, {@code GROUP BY} an alias or an ordinal, {@code HAVING} an alias, {@code LIMIT start, count},
     * and a query without FROM. DEFAULT would reject those with a conformance error.
     */
    public static final SqlParser.Config CONFIG = SqlParser.config()
        .withParserFactory(LaminarSqlParserImpl.FACTORY)
        .withQuoting(Quoting.DOUBLE_QUOTE)
        .withUnquotedCasing(Casing.UNCHANGED)
        .withQuotedCasing(Casing.UNCHANGED)
        .withCaseSensitive(false)
        .withConformance(SqlConformanceEnum.LENIENT);

    /** At most this many expected tokens are listed in a parse error. */
    static final int MAX_EXPECTED = 12;

    /** Tokens of lexical states Laminar's quoting never uses: noise in "Was expecting one of". */
    private static final Set<String> FOREIGN_TOKENS = Set.of("<BACK_QUOTED_IDENTIFIER>",
        "<BIG_QUERY_BACK_QUOTED_IDENTIFIER>", "<BRACKET_QUOTED_IDENTIFIER>", "<HYPHENATED_IDENTIFIER>",
        "<UNICODE_QUOTED_IDENTIFIER>", "<BIG_QUERY_DOUBLE_QUOTED_STRING>", "<BIG_QUERY_QUOTED_STRING>");

    private static final Pattern AT_LINE_COLUMN = Pattern.compile("\\s*at line \\d+, column \\d+\\.?");

    /** One statement of a script: its parse tree, its source text, and where that text starts (1-based). */
    public record Statement(SqlNode node, String text, int line, int column) {}

    private SqlStatements() {}

    /**
     * Parses a script of statements separated by {@code ;} (the last one optional). Comments ({@code --} and
     * {@code /* *}{@code /}) may appear anywhere; a {@code ;} inside a string literal, quoted identifier or comment does
     * not separate statements. Each statement's {@code text} is its original source, from its first token to the
     * character before its {@code ;} (trailing blanks trimmed).
     *
     * @throws SqlException with {@link ErrorCode#PARSE} at the first statement that does not parse
     */
    public static List<Statement> parse(String sqlScript) {
        final List<Statement> statements = new ArrayList<>();
        for (Chunk chunk : split(sqlScript)) {
            statements.add(new Statement(parseChunk(chunk), chunk.text, chunk.line, chunk.column));
        }
        return statements;
    }

    /**
     * Parses exactly one statement (a trailing {@code ;} and comments are allowed).
     *
     * @throws SqlException with {@link ErrorCode#PARSE} if it does not parse or is not exactly one statement
     */
    public static SqlNode parseOne(String sql) {
        final List<Chunk> chunks = split(sql);
        if (chunks.size() != 1) {
            final Chunk second = chunks.size() > 1 ? chunks.get(1) : null;
            throw new SqlException(ErrorCode.PARSE,
                chunks.isEmpty() ? "expected one SQL statement, found none"
                    : "expected one SQL statement, found " + chunks.size()
                      + " (the second starts at line " + second.line + ", column " + second.column + ")",
                chunks.isEmpty() ? Map.of("line", 1, "column", 1, "statement", sql)
                    : Map.of("line", second.line, "column", second.column, "statement", second.text),
                null);
        }
        return parseChunk(chunks.get(0));
    }

    /** {@code node} as SQL that this parser reads back (Calcite's {@code toString()} quotes with back-ticks). */
    public static String toSql(SqlNode node) {
        return Unparsing.toSql(node);
    }

    private static SqlNode parseChunk(Chunk chunk) {
        try {
            return SqlParser.create(chunk.text, CONFIG).parseStmt();
        } catch (SqlParseException e) {
            final SqlParserPos pos = e.getPos();
            int line = chunk.line;
            int column = chunk.column;
            if (pos != null && pos.getLineNum() > 0) {
                line = chunk.line + pos.getLineNum() - 1;
                column = pos.getLineNum() == 1 ? chunk.column + pos.getColumnNum() - 1 : pos.getColumnNum();
            }
            final String message = "syntax error at line " + line + ", column " + column + ": " + detail(e);
            throw new SqlException(ErrorCode.PARSE, message,
                Map.of("line", line, "column", column, "statement", chunk.text), e);
        }
    }

    /** Calcite's message without its (statement-relative) position, with the expected tokens capped. */
    static String detail(SqlParseException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        final int expecting = message.indexOf("Was expecting");
        if (expecting >= 0) {
            message = message.substring(0, expecting);
        }
        message = AT_LINE_COLUMN.matcher(message).replaceAll("").trim();
        final List<String> expected = e.getExpectedTokenNames() == null ? List.of()
            : e.getExpectedTokenNames().stream().filter(t -> !FOREIGN_TOKENS.contains(t)).toList();
        if (!expected.isEmpty() && expecting >= 0) {
            final StringBuilder b = new StringBuilder(message);
            b.append(message.endsWith(".") ? " " : ". ").append("Was expecting one of: ");
            int n = 0;
            for (String token : expected) {
                if (n == MAX_EXPECTED) {
                    b.append(", ... (").append(expected.size() - MAX_EXPECTED).append(" more)");
                    break;
                }
                b.append(n++ == 0 ? "" : ", ").append(token);
            }
            message = b.toString();
        }
        return message.replaceAll("\\s+", " ");
    }

    /** A statement's source: its text and where it starts in the script. */
    private record Chunk(String text, int line, int column) {}

    /**
     * Splits a script at top-level {@code ;}, skipping string literals ({@code '...'} with {@code ''} escapes,
     * {@code E'...'} with backslash escapes), quoted identifiers ({@code "..."}) and comments. Chunks with no token
     * (only blanks and comments) are dropped.
     */
    private static List<Chunk> split(String script) {
        final List<Chunk> chunks = new ArrayList<>();
        final int n = script.length();
        int line = 1;
        int lineStart = 0;          // index of the first character of the current line
        int start = -1;             // index of the current statement's first token, -1 before it
        int startLine = 0;
        int startColumn = 0;
        int end = -1;               // index just past the current statement's last token
        int i = 0;
        while (i < n) {
            final char c = script.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                i += 2;
                while (i < n && !(script.charAt(i) == '*' && i + 1 < n && script.charAt(i + 1) == '/')) {
                    if (script.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                    i++;
                }
                i = Math.min(n, i + 2);
                continue;
            }
            if (c == ';') {
                if (start >= 0) {
                    chunks.add(new Chunk(script.substring(start, end), startLine, startColumn));
                    start = -1;
                }
                i++;
                continue;
            }
            if (start < 0) {
                start = i;
                startLine = line;
                startColumn = i - lineStart + 1;
            }
            if (c == '\'' || c == '"') {
                final boolean backslash = c == '\'' && i > 0 && (script.charAt(i - 1) == 'E'
                    || script.charAt(i - 1) == 'e') && (i < 2 || !Character.isLetterOrDigit(script.charAt(i - 2)));
                i++;
                while (i < n) {
                    final char d = script.charAt(i);
                    if (d == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                    if (backslash && d == '\\') {
                        i += 2;
                        continue;
                    }
                    i++;
                    if (d == c) {
                        if (i < n && script.charAt(i) == c) {
                            i++;            // doubled quote: an escaped quote, still inside
                        } else {
                            break;
                        }
                    }
                }
                end = Math.min(i, n);
                continue;
            }
            i++;
            end = i;
        }
        if (start >= 0) {
            chunks.add(new Chunk(script.substring(start, end), startLine, startColumn));
        }
        return chunks;
    }
}
