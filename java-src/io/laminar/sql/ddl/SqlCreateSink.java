package io.laminar.sql.ddl;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE [OR REPLACE] SINK [IF NOT EXISTS] name FROM (stream | (query))
 * [INTO CONNECTOR (options) | WITH ('connector' = '...', options)] [FORMAT f]}. Exactly one of {@link #from} and
 * {@link #fromQuery} is set.
 */
public final class SqlCreateSink extends SqlCreate {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE SINK", SqlKind.OTHER_DDL);

    public final SqlIdentifier name;
    /** The stream, source, view or table the sink reads; null if it reads a query. */
    public final SqlIdentifier from;
    /** The query the sink reads; null if it reads a named object. */
    public final SqlNode fromQuery;
    /** Upper case; null if none is named. */
    public final String connector;
    /** Connector options in declaration order: keys lower-case, values unquoted text. */
    public final Map<String, String> options;
    /** Upper case, or null. */
    public final String format;

    public SqlCreateSink(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name,
                         SqlIdentifier from, SqlNode fromQuery, String connector, Map<String, String> options,
                         String format) {
        super(OPERATOR, pos, replace, ifNotExists);
        this.name = name;
        this.from = from;
        this.fromQuery = fromQuery;
        this.connector = connector;
        this.options = Unparsing.copy(options);
        this.format = format;
    }

    @Override public SqlOperator getOperator() { return OPERATOR; }
    @Override public List<SqlNode> getOperandList() { return Arrays.asList(name, from, fromQuery); }

    @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(getReplace() ? "CREATE OR REPLACE SINK" : "CREATE SINK");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        writer.keyword("FROM");
        if (from != null) {
            from.unparse(writer, 0, 0);
        } else {
            final SqlWriter.Frame frame = writer.startList("(", ")");
            fromQuery.unparse(writer, 0, 0);
            writer.endList(frame);
        }
        Unparsing.connection(writer, "INTO", connector, options, format);
    }

    @Override public String toString() { return Unparsing.toSql(this); }
}
