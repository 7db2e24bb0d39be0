package io.laminar.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A source with computed columns ({@code pt AS PROCTIME()}) as Calcite sees it: every scan of it expands to a
 * projection over a scan of its stored columns (registered under {@link #PHYSICAL_SCHEMA}), so a computed column is
 * computed in each query that reads it — exactly as if the query had written {@code PROCTIME() AS pt} itself, which
 * is what makes a window over it a processing-time window.
 */
final class ComputedColumnsTable extends AbstractTable implements TranslatableTable, org.apache.calcite.schema.TemporalTable {
    /** The sub-schema holding the stored columns of sources with computed columns, under the source's own name. */
    static final String PHYSICAL_SCHEMA = "$stored";

    /** One declared column: a stored column's index among the stored ones, or -1 for PROCTIME(). */
    record Column(String name, int stored) {}

    private final String name;
    private final CatalogTable stored;
    private final List<Column> columns;

    ComputedColumnsTable(String name, CatalogTable stored, List<Column> columns) {
        this.name = name;
        this.stored = stored;
        this.columns = List.copyOf(columns);
    }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataType base = stored.getRowType(typeFactory);
        RelDataTypeFactory.Builder b = typeFactory.builder();
        for (Column c : columns) {
            if (c.stored >= 0) b.add(c.name, base.getFieldList().get(c.stored).getType());
            else b.add(c.name, typeFactory.createSqlType(org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP, 3));
        }
        return b.build();
    }

    @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable table) {
        RelOptTable physical = table.getRelOptSchema().getTableForMember(List.of(PHYSICAL_SCHEMA, name));
        RelNode scan = LogicalTableScan.create(context.getCluster(), physical, context.getTableHints());
        RexBuilder rex = context.getCluster().getRexBuilder();
        List<RexNode> exprs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Column c : columns) {
            exprs.add(c.stored >= 0 ? rex.makeInputRef(scan, c.stored) : rex.makeCall(StringTimeFunctions.PROCTIME));
            names.add(c.name);
        }
        return LogicalProject.create(scan, List.of(), exprs, names, java.util.Set.of());
    }

    @Override public String getSysStartFieldName() { return stored.getSysStartFieldName(); }
    @Override public String getSysEndFieldName() { return stored.getSysEndFieldName(); }
}
