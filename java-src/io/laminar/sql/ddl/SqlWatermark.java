package io.laminar.sql.ddl;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code WATERMARK FOR column AS expression}: the source's watermark is the largest value of {@code expression}
 * seen so far, e.g. {@code ts - INTERVAL '4' SECOND} for bounded out-of-orderness.
 */
public final class SqlWatermark {
    public final String column;
    public final SqlNode expression;
    public final SqlParserPos pos;

    public SqlWatermark(SqlParserPos pos, String column, SqlNode expression) {
        this.pos = pos;
        this.column = column;
        this.expression = expression;
    }

    void unparse(SqlWriter writer) {
        writer.keyword("WATERMARK FOR");
        writer.identifier(column, false);
        writer.keyword("AS");
        expression.unparse(writer, 0, 0);
    }

    @Override public String toString() {
        return "WATERMARK FOR " + column + " AS " + Unparsing.toSql(expression);
    }
}
