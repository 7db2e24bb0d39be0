package io.laminar.sql.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code DROP SOURCE | STREAM | MATERIALIZED VIEW | SINK | TABLE [IF EXISTS] name [CASCADE]}. {@code ifExists} is
 * inherited from {@link SqlDrop}.
 */
public final class SqlDropObject extends SqlDrop {
    public enum Kind {
        SOURCE("SOURCE", SqlKind.OTHER_DDL),
        STREAM("STREAM", SqlKind.DROP_VIEW),
        MATERIALIZED_VIEW("MATERIALIZED VIEW", SqlKind.DROP_MATERIALIZED_VIEW),
        SINK("SINK", SqlKind.OTHER_DDL),
        TABLE("TABLE", SqlKind.DROP_TABLE);

        /** The words after DROP. */
        public final String sql;
        final SqlOperator operator;

        Kind(String sql, SqlKind kind) {
            this.sql = sql;
            this.operator = new SqlSpecialOperator("DROP " + sql, kind);
        }
    }

    public final Kind kind;
    public final SqlIdentifier name;
    /** Also drop the objects that read this one. */
    public final boolean cascade;

    public SqlDropObject(SqlParserPos pos, Kind kind, boolean ifExists, SqlIdentifier name, boolean cascade) {
        super(kind.operator, pos, ifExists);
        this.kind = kind;
        this.name = name;
        this.cascade = cascade;
    }

    @Override public SqlOperator getOperator() { return kind.operator; }
    @Override public List<SqlNode> getOperandList() { return List.of(name); }

    @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DROP " + kind.sql);
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, 0, 0);
        if (cascade) {
            writer.keyword("CASCADE");
        }
    }

    @Override public String toString() { return Unparsing.toSql(this); }
}
