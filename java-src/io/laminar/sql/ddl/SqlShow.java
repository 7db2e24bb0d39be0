package io.laminar.sql.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code SHOW SOURCES | STREAMS | ...}: lists catalog objects of one kind. */
public final class SqlShow extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW", SqlKind.OTHER);
    public final String what;

    public SqlShow(SqlParserPos pos, String what) {
        super(pos);
        this.what = what;
    }

    @Override public SqlOperator getOperator() { return OPERATOR; }
    @Override public List<SqlNode> getOperandList() { return List.of(); }
    @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SHOW " + what);
    }
}
