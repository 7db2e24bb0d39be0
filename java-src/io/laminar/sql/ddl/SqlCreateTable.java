package io.laminar.sql.ddl;

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
 * {@code CREATE [OR REPLACE] [LOOKUP] TABLE [IF NOT EXISTS] name (columns, PRIMARY KEY (k)) [WITH (options)]}: a
 * reference table (INSERT upserts), or with LOOKUP a table read from an external system on demand.
 */
public final class SqlCreateTable extends SqlCreate {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

    public final SqlIdentifier name;
    public final boolean lookup;
    public final List<SqlColumn> columns;
    /** Empty if none. */
    public final List<String> primaryKey;
    /** Upper case, from the {@code 'connector'} option; null if none. */
    public final String connector;
    /** The other options in declaration order: keys lower-case, values unquoted text. */
    public final Map<String, String> options;

    public SqlCreateTable(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name,
                          boolean lookup, List<SqlColumn> columns, List<String> primaryKey, String connector,
                          Map<String, String> options) {
        super(OPERATOR, pos, replace, ifNotExists);
        this.name = name;
        this.lookup = lookup;
        this.columns = List.copyOf(columns);
        this.primaryKey = List.copyOf(primaryKey);
        this.connector = connector;
        this.options = Unparsing.copy(options);
    }

    @Override public SqlOperator getOperator() { return OPERATOR; }
    @Override public List<SqlNode> getOperandList() { return List.of(name); }

    @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(getReplace() ? "CREATE OR REPLACE" : "CREATE");
        writer.keyword(lookup ? "LOOKUP TABLE" : "TABLE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        Unparsing.elements(writer, columns, null, primaryKey);
        if (connector != null || !options.isEmpty()) {
            final Map<String, String> all = new java.util.LinkedHashMap<>();
            if (connector != null) {
                all.put("connector", connector.toLowerCase(java.util.Locale.ROOT));
            }
            all.putAll(options);
            writer.keyword("WITH");
            Unparsing.options(writer, all);
        }
    }

    @Override public String toString() { return Unparsing.toSql(this); }
}
