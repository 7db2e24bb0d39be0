package io.laminar.engine;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import io.laminar.QueryResult;
import io.laminar.SqlException;
import io.laminar.data.Schema;
import io.laminar.sql.CatalogTable;
import io.laminar.sql.SqlFrontEnd;
import io.laminar.sql.TypeMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.interpreter.Interpreter;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlNode;

/**
 * Ad-hoc {@code SELECT} over materialized views, reference tables and VALUES: a bounded query run by Calcite's
 * interpreter over a snapshot. Sources and streams are unbounded and are refused up front, naming the object.
 */
final class AdHocQuery {
    private AdHocQuery() {}

    static QueryResult run(SqlFrontEnd frontEnd, SqlNode query) {
        RelNode rel = frontEnd.toLogical(query);
        rel.accept(new RelShuttleImpl() {
            @Override public RelNode visit(org.apache.calcite.rel.core.TableScan scan) {
                CatalogTable t = scan.getTable().unwrap(CatalogTable.class);
                if (t != null && !t.isQueryable()) {
                    List<String> q = scan.getTable().getQualifiedName();
                    throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, t.kind().toLowerCase() + " " + q.get(q.size() - 1)
                            + " is unbounded and cannot be queried ad hoc; subscribe to it, or create a MATERIALIZED VIEW "
                            + "over it and query the view");
                }
                return scan;
            }
        });
        Schema schema = TypeMapping.toSchema(rel.getRowType());
        DataContext context = new DataContext() {
            @Override public SchemaPlus getRootSchema() { return frontEnd.rootSchema().plus(); }
            @Override public JavaTypeFactory getTypeFactory() { return frontEnd.typeFactory(); }
            @Override public QueryProvider getQueryProvider() { return null; }
            @Override public Object get(String name) {
                long now = System.currentTimeMillis();
                return switch (name) {
                    case "currentTimestamp", "localTimestamp", "utcTimestamp" -> now;
                    case "timeZone" -> java.util.TimeZone.getTimeZone("UTC");
                    default -> null;
                };
            }
        };
        List<Object[]> rows = new ArrayList<>();
        try (Interpreter interpreter = new Interpreter(context, rel)) {
            for (Object[] r : interpreter) rows.add(InternalRows.toJava(schema, r));
        } catch (LaminarException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SqlException(ErrorCode.VALIDATION, "query failed: " + e.getMessage(), Map.of(), e);
        }
        return QueryResult.rows(schema, rows);
    }

}
