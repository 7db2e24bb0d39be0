<#--
  Laminar statements (DESIGN.md §4). FMPP includes this file into Calcite's Parser.jj (see config.fmpp), so
  everything here is JavaCC grammar that can call Calcite's own productions (CompoundIdentifier, DataType,
  Expression, OrderedQueryOrExpr, IntervalLiteral, ...). Each statement production returns an io.laminar.sql.ddl
  node; non-trivial Java (option normalisation, error construction) lives in io.laminar.sql.ddl.DdlParsing.
  Beware: "${" and "<#" are FreeMarker syntax and must not appear in the Java code below.
-->

/** SHOW SOURCES | STREAMS | SINKS | TABLES | MATERIALIZED VIEWS | QUERIES | CHECKPOINTS */
SqlNode SqlShow() :
{
    final Span s;
    final String what;
}
{
    <SHOW> { s = span(); }
    (
        <SOURCES> { what = "SOURCES"; }
    |   <STREAMS> { what = "STREAMS"; }
    |   <SINKS> { what = "SINKS"; }
    |   <TABLES> { what = "TABLES"; }
    |   <MATERIALIZED> <VIEWS> { what = "MATERIALIZED VIEWS"; }
    |   <QUERIES> { what = "QUERIES"; }
    |   <CHECKPOINTS> { what = "CHECKPOINTS"; }
    )
    { return new SqlShow(s.end(this), what); }
}

/** CHECKPOINT */
SqlNode SqlCheckpoint() :
{
}
{
    <CHECKPOINT> { return new SqlCheckpoint(getPos()); }
}

/** RESTORE FROM CHECKPOINT id */
SqlNode SqlRestore() :
{
    final Span s;
}
{
    <RESTORE> { s = span(); } <FROM> <CHECKPOINT> <UNSIGNED_INTEGER_LITERAL>
    { return new SqlRestore(s.end(this), DdlParsing.checkpointId(token.image, getPos())); }
}

/** SET key = value, where key is a (dotted) name or a string literal and value a literal or a name. */
SqlNode SqlSetProperty() :
{
    final Span s;
    final String key;
    final String value;
}
{
    <SET> { s = span(); }
    key = LaminarOptionKey()
    <EQ>
    (
        value = LaminarOptionValue()
    |
        <ON> { value = "ON"; }
    )
    { return new SqlSetProperty(s.end(this), key, value); }
}

/**
 * EXPLAIN [CODE | PLAN ... FOR] statement, where statement is a query, a DML statement or a CREATE.
 * Calcite's EXPLAIN PLAN options (INCLUDING ALL ATTRIBUTES, WITH TYPE, AS JSON, ...) are accepted and ignored.
 */
SqlNode SqlLaminarExplain() :
{
    final Span s;
    boolean code = false;
    final SqlNode stmt;
}
{
    <EXPLAIN> { s = span(); }
    (
        // LOOKAHEAD(1): CODE is not reserved, but no statement starts with a bare name.
        LOOKAHEAD(1) <CODE> { code = true; }
    |
        <PLAN>
        [ ExplainDetailLevel() ]
        ExplainDepth()
        [ <AS> ( <XML> | <JSON> | <DOT_FORMAT> ) ]
        <FOR>
    |
        { }
    )
    (
        stmt = SqlCreate()
    |
        stmt = SqlQueryOrDml()
    )
    { return new SqlLaminarExplain(s.end(stmt), code, stmt); }
}

/** [IF NOT EXISTS] */
boolean LaminarIfNotExists() :
{
}
{
    LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

/** [IF EXISTS] */
boolean LaminarIfExists() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/**
 * An option key: a string literal, or a name that may be dotted (csv.header) and whose parts may be any word,
 * reserved or not (group.id). Lower-cased. Hand-written because no grammar production accepts reserved words.
 */
JAVACODE String LaminarOptionKey()
{
    Token t = getNextToken();
    if (t.kind == QUOTED_STRING) {
        return SqlParserUtil.parseString(t.image).toLowerCase(Locale.ROOT);
    }
    final StringBuilder b = new StringBuilder();
    while (true) {
        if (t.kind == QUOTED_IDENTIFIER) {
            b.append(SqlParserUtil.strip(t.image, DQ, DQ, DQDQ, Casing.UNCHANGED));
        } else if (DdlParsing.isWord(t.image)) {
            b.append(t.image);
        } else {
            throw DdlParsing.error(new SqlParserPos(t.beginLine, t.beginColumn, t.endLine, t.endColumn),
                "expected an option name, found " + (t.kind == EOF ? "the end of the statement" : "'" + t.image + "'"));
        }
        if (getToken(1).kind != DOT) {
            return b.toString().toLowerCase(Locale.ROOT);
        }
        getNextToken();
        b.append('.');
        t = getNextToken();
    }
}

/** An option value as text: string (unquoted), number (as written), TRUE/FALSE (lower case) or a bare name. */
String LaminarOptionValue() :
{
    final SqlNode literal;
    final SqlIdentifier id;
    String sign = "";
}
{
    literal = StringLiteral() { return DdlParsing.stringValue(literal); }
|
    [ <MINUS> { sign = "-"; } | <PLUS> ]
    ( <UNSIGNED_INTEGER_LITERAL> | <DECIMAL_NUMERIC_LITERAL> | <APPROX_NUMERIC_LITERAL> )
    { return sign + token.image; }
|
    <TRUE> { return "true"; }
|
    <FALSE> { return "false"; }
|
    id = SimpleIdentifier() { return id.getSimple(); }
}

/** ( key = value, ... ): an ordered map; a key given twice is an error. */
Map<String, String> LaminarOptionList() :
{
    final Map<String, String> opts = new LinkedHashMap<String, String>();
}
{
    <LPAREN>
    [
        LOOKAHEAD({ getToken(1).kind != RPAREN })
        LaminarOption(opts)
        ( <COMMA> LaminarOption(opts) )*
    ]
    <RPAREN>
    { return opts; }
}

void LaminarOption(Map<String, String> opts) :
{
    final SqlParserPos pos;
    final String key;
    final String value;
}
{
    { pos = new SqlParserPos(getToken(1).beginLine, getToken(1).beginColumn); }
    key = LaminarOptionKey()
    <EQ>
    value = LaminarOptionValue()
    { DdlParsing.putOption(opts, key, value, pos); }
}

/** A connector or format name: a name (upper-cased) or a string literal. */
String LaminarUpperName() :
{
    final SqlIdentifier id;
    final SqlNode literal;
}
{
    id = SimpleIdentifier() { return id.getSimple().toUpperCase(Locale.ROOT); }
|
    literal = StringLiteral() { return DdlParsing.stringValue(literal).toUpperCase(Locale.ROOT); }
}

/** ( column type [NOT NULL] [PRIMARY KEY], WATERMARK FOR c AS expr, PRIMARY KEY (c, ...), ... ) */
void LaminarTableElements(List<SqlColumn> columns, List<String> primaryKey, List<SqlWatermark> watermarks) :
{
}
{
    <LPAREN>
    LaminarTableElement(columns, primaryKey, watermarks)
    ( <COMMA> LaminarTableElement(columns, primaryKey, watermarks) )*
    <RPAREN>
}

void LaminarTableElement(List<SqlColumn> columns, List<String> primaryKey, List<SqlWatermark> watermarks) :
{
    final SqlIdentifier id;
    final SqlDataTypeSpec type;
    final boolean nullable;
    final SqlNode expression;
    final SqlNodeList keys;
    final Span s;
}
{
    LOOKAHEAD(2)
    <WATERMARK> { s = span(); } <FOR> id = SimpleIdentifier() <AS>
    expression = Expression(ExprContext.ACCEPT_NON_QUERY)
    { DdlParsing.addWatermark(watermarks, new SqlWatermark(s.end(this), id.getSimple(), expression)); }
|
    [ <CONSTRAINT> SimpleIdentifier() ]
    <PRIMARY> { s = span(); } <KEY> keys = ParenthesizedSimpleIdentifierList()
    { DdlParsing.setPrimaryKey(primaryKey, keys, s.end(this)); }
|
    LOOKAHEAD(2)
    id = SimpleIdentifier() <AS> expression = Expression(ExprContext.ACCEPT_NON_QUERY)
    { columns.add(new SqlColumn(id.getParserPosition(), id.getSimple(), expression)); }
|
    id = SimpleIdentifier()
    type = DataType()
    nullable = NullableOptDefaultTrue()
    {
        columns.add(new SqlColumn(id.getParserPosition(), id.getSimple(), type.withNullable(nullable), nullable));
    }
    [
        <PRIMARY> { s = span(); } <KEY>
        { DdlParsing.setPrimaryKey(primaryKey, new SqlNodeList(Collections.singletonList(id), s.end(this)), s.end(this)); }
    ]
}

/**
 * CREATE [OR REPLACE] SOURCE [IF NOT EXISTS] name [(elements)]
 *   [FROM connector [(opts)] | WITH (opts)] [FORMAT format]
 */
SqlCreate SqlCreateSource(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final List<SqlColumn> columns = new ArrayList<SqlColumn>();
    final List<String> primaryKey = new ArrayList<String>();
    final List<SqlWatermark> watermarks = new ArrayList<SqlWatermark>();
    String connector = null;
    Map<String, String> opts = new LinkedHashMap<String, String>();
    boolean withForm = false;
    String format = null;
}
{
    <SOURCE>
    ifNotExists = LaminarIfNotExists()
    name = CompoundIdentifier()
    [ LaminarTableElements(columns, primaryKey, watermarks) ]
    [
        <FROM> connector = LaminarUpperName() [ opts = LaminarOptionList() ]
    |
        <WITH> opts = LaminarOptionList() { withForm = true; }
    ]
    [ <FORMAT> format = LaminarUpperName() ]
    {
        final DdlParsing.Connection c = DdlParsing.connection(connector, opts, withForm, format, true, s.end(this));
        return new SqlCreateSource(s.end(this), replace, ifNotExists, name, columns,
            watermarks.isEmpty() ? null : watermarks.get(0), primaryKey, c.connector(), c.options(), c.format());
    }
}

/**
 * CREATE [OR REPLACE] STREAM | MATERIALIZED VIEW [IF NOT EXISTS] name AS query
 *   [EMIT ...] [ALLOW LATENESS interval] [LATE DATA TO name]
 */
SqlCreate SqlCreateStream(Span s, boolean replace) :
{
    boolean materialized = false;
    final boolean ifNotExists;
    final SqlIdentifier name;
    final SqlNode query;
    SqlEmit emit = null;
    SqlNode allowLateness = null;
    SqlIdentifier lateDataTo = null;
}
{
    (
        <STREAM>
    |
        <MATERIALIZED> <VIEW> { materialized = true; }
    )
    ifNotExists = LaminarIfNotExists()
    name = CompoundIdentifier()
    <AS>
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    [ emit = LaminarEmit() ]
    [ <ALLOW> <LATENESS> allowLateness = IntervalLiteral() ]
    [ <LATE> <DATA> <TO> lateDataTo = CompoundIdentifier() ]
    {
        return new SqlCreateStream(s.end(this), replace, ifNotExists, name, materialized, query, emit,
            allowLateness, lateDataTo);
    }
}

/** EMIT ON WINDOW CLOSE | FINAL | CHANGES | EVERY interval */
SqlEmit LaminarEmit() :
{
    final Span s;
    final SqlEmit.Mode mode;
    SqlNode every = null;
}
{
    <EMIT> { s = span(); }
    (
        <ON> <WINDOW> <CLOSE> { mode = SqlEmit.Mode.ON_WINDOW_CLOSE; }
    |
        <FINAL> { mode = SqlEmit.Mode.FINAL; }
    |
        <CHANGES> { mode = SqlEmit.Mode.CHANGES; }
    |
        <EVERY> every = IntervalLiteral() { mode = SqlEmit.Mode.EVERY; }
    )
    { return new SqlEmit(s.end(this), mode, every); }
}

/**
 * CREATE [OR REPLACE] SINK [IF NOT EXISTS] name FROM (name | (query))
 *   [INTO connector [(opts)] | WITH (opts)] [FORMAT format]
 */
SqlCreate SqlCreateSink(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    SqlIdentifier from = null;
    SqlNode fromQuery = null;
    String connector = null;
    Map<String, String> opts = new LinkedHashMap<String, String>();
    boolean withForm = false;
    String format = null;
}
{
    <SINK>
    ifNotExists = LaminarIfNotExists()
    name = CompoundIdentifier()
    <FROM>
    (
        from = CompoundIdentifier()
    |
        <LPAREN> fromQuery = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) <RPAREN>
    )
    [
        <INTO> connector = LaminarUpperName() [ opts = LaminarOptionList() ]
    |
        <WITH> opts = LaminarOptionList() { withForm = true; }
    ]
    [ <FORMAT> format = LaminarUpperName() ]
    {
        final DdlParsing.Connection c = DdlParsing.connection(connector, opts, withForm, format, true, s.end(this));
        return new SqlCreateSink(s.end(this), replace, ifNotExists, name, from, fromQuery, c.connector(), c.options(),
            c.format());
    }
}

/** CREATE [OR REPLACE] [LOOKUP] TABLE [IF NOT EXISTS] name [(elements)] [WITH (opts)] */
SqlCreate SqlCreateTable(Span s, boolean replace) :
{
    boolean lookup = false;
    final boolean ifNotExists;
    final SqlIdentifier name;
    final List<SqlColumn> columns = new ArrayList<SqlColumn>();
    final List<String> primaryKey = new ArrayList<String>();
    final List<SqlWatermark> watermarks = new ArrayList<SqlWatermark>();
    Map<String, String> opts = new LinkedHashMap<String, String>();
    boolean withForm = false;
}
{
    [ <LOOKUP> { lookup = true; } ]
    <TABLE>
    ifNotExists = LaminarIfNotExists()
    name = CompoundIdentifier()
    [ LaminarTableElements(columns, primaryKey, watermarks) ]
    [ <WITH> opts = LaminarOptionList() { withForm = true; } ]
    {
        DdlParsing.noWatermark(watermarks);
        final DdlParsing.Connection c = DdlParsing.connection(null, opts, withForm, null, false, s.end(this));
        return new SqlCreateTable(s.end(this), replace, ifNotExists, name, lookup, columns, primaryKey,
            c.connector(), c.options());
    }
}

/** DROP SOURCE | STREAM | MATERIALIZED VIEW | SINK | TABLE [IF EXISTS] name [CASCADE] */
SqlDrop SqlDropObject(Span s, boolean replace) :
{
    final SqlDropObject.Kind kind;
    final boolean ifExists;
    final SqlIdentifier name;
    boolean cascade = false;
}
{
    (
        <SOURCE> { kind = SqlDropObject.Kind.SOURCE; }
    |
        <STREAM> { kind = SqlDropObject.Kind.STREAM; }
    |
        <MATERIALIZED> <VIEW> { kind = SqlDropObject.Kind.MATERIALIZED_VIEW; }
    |
        <SINK> { kind = SqlDropObject.Kind.SINK; }
    |
        <TABLE> { kind = SqlDropObject.Kind.TABLE; }
    )
    ifExists = LaminarIfExists()
    name = CompoundIdentifier()
    [ <CASCADE> { cascade = true; } ]
    { return new SqlDropObject(s.end(this), kind, ifExists, name, cascade); }
}
