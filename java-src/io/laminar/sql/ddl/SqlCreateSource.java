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
 * {@code CREATE [OR REPLACE] SOURCE [IF NOT EXISTS] name (columns, [WATERMARK FOR c AS e], [PRIMARY KEY (k)])
 * [FROM CONNECTOR (options) | WITH ('connector' = '...', options)] [FORMAT f]}.
 * {@code ifNotExists} is inherited from {@link SqlCreate}, OR REPLACE is {@link #getReplace()}.
 */
public final class SqlCreateSource extends SqlCreate {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE SOURCE", SqlKind.OTHER_DDL);

    public final SqlIdentifier name;
    public final List<SqlColumn> columns;
    /** Null if none. */
    public final SqlWatermark watermark;
    /** Empty if none; a source with a primary key is an upsert source. */
    public final List<String> primaryKey;
    /** Upper case; null when no connector is named (then the source is MEMORY). */
    public final String connector;
    /** Connector options in declaration order: keys lower-case, values unquoted text. */
    public final Map<String, String> options;
    /** Upper case (JSON, CSV, AVRO, DEBEZIUM, RAW, ...), or null. */
    public final String format;

    public SqlCreateSource(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name,
                           List<SqlColumn> columns, SqlWatermark watermark, List<String> primaryKey,
                           String connector, Map<String, String> options, String format) {
        super(OPERATOR, pos, replace, ifNotExists);
        this.name = name;
        this.columns = List.copyOf(columns);
        this.watermark = watermark;
        this.primaryKey = List.copyOf(primaryKey);
        this.connector = connector;
        this.options = Unparsing.copy(options);
        this.format = format;
    }

    @Override public SqlOperator getOperator() { return OPERATOR; }
    @Override public List<SqlNode> getOperandList() { return List.of(name); }

    @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(getReplace() ? "CREATE OR REPLACE SOURCE" : "CREATE SOURCE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        Unparsing.elements(writer, columns, watermark, primaryKey);
        Unparsing.connection(writer, "FROM", connector, options, format);
    }

    @Override public String toString() { return Unparsing.toSql(this); }
}
