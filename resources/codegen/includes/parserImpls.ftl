<#-- Laminar statements. Each production returns an io.laminar.sql.ddl node. -->

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
