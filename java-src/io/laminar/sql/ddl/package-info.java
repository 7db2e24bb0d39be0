/**
 * Laminar's SQL statements (DESIGN.md §4) as Calcite parse-tree nodes, and how the grammar that builds them is made.
 * <p>
 * The parser is Calcite's own, extended through its templates rather than by a pre-parser. At build time Maven
 * unpacks {@code codegen/templates/Parser.jj} and {@code default_config.fmpp} from the calcite-core jar into
 * {@code target/codegen}, copies {@code resources/codegen/**} over them, runs FMPP (FreeMarker) to expand the
 * template with {@code resources/codegen/config.fmpp}, and runs JavaCC on the result, which gives
 * {@code io.laminar.sql.parser.LaminarSqlParserImpl}. {@code config.fmpp} declares the new keywords (and which of
 * them stay usable as identifiers: all but {@code EMIT} and {@code LATE}, which must end a query), and names the
 * productions Calcite's {@code SqlStmt()}, {@code SqlCreate()} and {@code SqlDrop()} try; the productions
 * themselves live in {@code resources/codegen/includes/parserImpls.ftl}, which FMPP pastes into the grammar. They
 * reuse Calcite's productions for queries, expressions, data types and literals, and call {@link
 * io.laminar.sql.ddl.DdlParsing} for anything more than building a node (normalising connector options, errors).
 * To add a statement: write its node here, its production in {@code parserImpls.ftl}, list the production in
 * {@code config.fmpp}, and add its cases to {@code ParserTest}.
 * <p>
 * Every node has public final fields, a constructor, and an {@code unparse} that prints SQL this parser reads back;
 * {@code toString()} prints through {@link io.laminar.sql.ddl.Unparsing#DIALECT} (double quotes, only where
 * needed). Scripts, single statements, parse errors and the shared {@code SqlParser.Config} are in
 * {@link io.laminar.sql.SqlStatements}.
 * <p>
 * Left to Calcite: queries, {@code INSERT}, {@code DESCRIBE name} (parses into Calcite's
 * {@code SqlDescribeTable}), {@code RESET} and {@code ALTER SYSTEM|SESSION SET} ({@code SqlSetOption}). Shadowed:
 * {@code EXPLAIN PLAN FOR} (now {@link io.laminar.sql.ddl.SqlLaminarExplain}) and {@code SET key = value} (now
 * {@link io.laminar.sql.ddl.SqlSetProperty}).
 */
package io.laminar.sql.ddl;
