package io.laminar.sql.ddl;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE [OR REPLACE] STREAM | MATERIALIZED VIEW [IF NOT EXISTS] name AS query [EMIT ...]
 * [ALLOW LATENESS interval] [LATE DATA TO stream]}.
 */
public final class SqlCreateStream extends SqlCreate {
    static final SqlOperator STREAM = new SqlSpecialOperator("CREATE STREAM", SqlKind.CREATE_VIEW);
    static final SqlOperator MATERIALIZED_VIEW =
        new SqlSpecialOperator("CREATE MATERIALIZED VIEW", SqlKind.CREATE_MATERIALIZED_VIEW);

    public final SqlIdentifier name;
    /** True for MATERIALIZED VIEW (queryable with SELECT), false for STREAM. */
    public final boolean materialized;
    public final SqlNode query;
    /** Null when no EMIT clause is given (the default for the query's shape applies). */
    public final SqlEmit emit;
    /** The interval literal of ALLOW LATENESS, or null. */
    public final SqlNode allowLateness;
    /** The stream of LATE DATA TO, or null. */
    public final SqlIdentifier lateDataTo;

    public SqlCreateStream(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name,
                           boolean materialized, SqlNode query, SqlEmit emit, SqlNode allowLateness,
                           SqlIdentifier lateDataTo) {
        super(materialized ? MATERIALIZED_VIEW : STREAM, pos, replace, ifNotExists);
        this.name = name;
        this.materialized = materialized;
        this.query = query;
        this.emit = emit;
        this.allowLateness = allowLateness;
        this.lateDataTo = lateDataTo;
    }

    @Override public SqlOperator getOperator() { return materialized ? MATERIALIZED_VIEW : STREAM; }
    @Override public List<SqlNode> getOperandList() {
        return Arrays.asList(name, query, allowLateness, lateDataTo);
    }

    @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(getReplace() ? "CREATE OR REPLACE" : "CREATE");
        writer.keyword(materialized ? "MATERIALIZED VIEW" : "STREAM");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        writer.keyword("AS");
        writer.newlineAndIndent();
        query.unparse(writer, 0, 0);
        if (emit != null) {
            writer.newlineAndIndent();
            emit.unparse(writer);
        }
        if (allowLateness != null) {
            writer.keyword("ALLOW LATENESS");
            allowLateness.unparse(writer, 0, 0);
        }
        if (lateDataTo != null) {
            writer.keyword("LATE DATA TO");
            lateDataTo.unparse(writer, 0, 0);
        }
    }

    @Override public String toString() { return Unparsing.toSql(this); }
}
