package io.laminar.sql.ddl;

import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A column of a SOURCE or TABLE: {@code name type [NOT NULL]}. {@code type} already carries the nullability
 * ({@link SqlDataTypeSpec#getNullable()}), so {@code type.deriveType(validator)} gives the column's type.
 */
public final class SqlColumn {
    public final String name;
    public final SqlDataTypeSpec type;
    public final boolean nullable;
    public final SqlParserPos pos;

    public SqlColumn(SqlParserPos pos, String name, SqlDataTypeSpec type, boolean nullable) {
        this.pos = pos;
        this.name = name;
        this.type = type;
        this.nullable = nullable;
    }

    void unparse(SqlWriter writer) {
        writer.identifier(name, false);
        type.unparse(writer, 0, 0);
        if (!nullable) {
            writer.keyword("NOT NULL");
        }
    }

    @Override public String toString() {
        return name + " " + type + (nullable ? "" : " NOT NULL");
    }
}
