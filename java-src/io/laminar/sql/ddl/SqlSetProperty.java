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
 * {@code SET key = value}. The key is a name, possibly dotted ({@code checkpoint.interval}), or a string literal,
 * lower-cased; the value is the text of a string (unquoted), number (as written), TRUE/FALSE (lower case) or bare
 * name (as written).
 */
public final class SqlSetProperty extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("SET", SqlKind.SET_OPTION);

    public final String key;
    public final String value;

    public SqlSetProperty(SqlParserPos pos, String key, String value) {
        super(pos);
        this.key = key;
        this.value = value;
    }

    @Override public SqlOperator getOperator() { return OPERATOR; }
    @Override public List<SqlNode> getOperandList() { return List.of(); }
    @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SET");
        writer.literal(Unparsing.quote(key));
        writer.keyword("=");
        writer.literal(Unparsing.quote(value));
    }

    @Override public String toString() { return Unparsing.toSql(this); }
}
