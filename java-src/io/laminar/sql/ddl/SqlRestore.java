package io.laminar.sql.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code RESTORE FROM CHECKPOINT id}: recover state, offsets and sinks from a checkpoint. */
public final class SqlRestore extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("RESTORE", SqlKind.OTHER);

    public final long checkpointId;

    public SqlRestore(SqlParserPos pos, long checkpointId) {
        super(pos);
        this.checkpointId = checkpointId;
    }

    @Override public SqlOperator getOperator() { return OPERATOR; }
    @Override public List<SqlNode> getOperandList() { return List.of(); }
    @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("RESTORE FROM CHECKPOINT");
        writer.literal(Long.toString(checkpointId));
    }

    @Override public String toString() { return Unparsing.toSql(this); }
}
