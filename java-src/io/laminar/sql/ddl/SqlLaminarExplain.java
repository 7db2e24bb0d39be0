package io.laminar.sql.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code EXPLAIN [CODE] statement}, where statement is a query, a DML statement or a CREATE (STREAM, MATERIALIZED
 * VIEW, SINK). Calcite's {@code EXPLAIN PLAN [options] FOR query} parses to this node too, with {@code code} false
 * (its options are accepted and ignored).
 */
public final class SqlLaminarExplain extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("EXPLAIN", SqlKind.EXPLAIN);

    /** EXPLAIN CODE: show the generated Java source of the compiled pipelines. */
    public final boolean code;
    public final SqlNode statement;

    public SqlLaminarExplain(SqlParserPos pos, boolean code, SqlNode statement) {
        super(pos);
        this.code = code;
        this.statement = statement;
    }

    @Override public SqlOperator getOperator() { return OPERATOR; }
    @Override public List<SqlNode> getOperandList() { return List.of(statement); }

    @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(code ? "EXPLAIN CODE" : "EXPLAIN");
        writer.newlineAndIndent();
        statement.unparse(writer, 0, 0);
    }

    @Override public String toString() { return Unparsing.toSql(this); }
}
