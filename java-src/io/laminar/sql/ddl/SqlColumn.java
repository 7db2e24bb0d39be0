package io.laminar.sql.ddl;

import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A column of a SOURCE or TABLE: {@code name type [NOT NULL]}, or a computed column {@code name AS expression}
 * (then {@code type} is null). {@code type} already carries the nullability ({@link SqlDataTypeSpec#getNullable()}),
 * so {@code type.deriveType(validator)} gives the column's type.
 */
public final class SqlColumn {
    public final String name;
    public final SqlDataTypeSpec type;
    public final boolean nullable;
    public final SqlParserPos pos;
    /** The expression of a computed column ({@code pt AS PROCTIME()}), or null for a stored one. */
    public final SqlNode expression;

    public SqlColumn(SqlParserPos pos, String name, SqlDataTypeSpec type, boolean nullable) {
        this.pos = pos;
        this.name = name;
        this.type = type;
        this.nullable = nullable;
        this.expression = null;
    }

    /** A computed column: {@code name AS expression}. */
    public SqlColumn(SqlParserPos pos, String name, SqlNode expression) {
        this.pos = pos;
        this.name = name;
        this.type = null;
        this.nullable = true;
        this.expression = expression;
    }

    public boolean isComputed() { return expression != null; }

    void unparse(SqlWriter writer) {
        writer.identifier(name, false);
        if (expression != null) {
            writer.keyword("AS");
            expression.unparse(writer, 0, 0);
            return;
        }
        type.unparse(writer, 0, 0);
        if (!nullable) {
            writer.keyword("NOT NULL");
        }
    }

    @Override public String toString() {
        if (expression != null) return name + " AS " + expression;
        return name + " " + type + (nullable ? "" : " NOT NULL");
    }
}
