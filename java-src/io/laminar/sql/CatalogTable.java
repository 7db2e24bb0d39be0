package io.laminar.sql;

import io.laminar.ErrorCode;
import io.laminar.SqlException;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A catalog object as Calcite sees it: a row type, and — for materialized views and reference tables — a snapshot
 * scan for ad-hoc queries (rows in Calcite's internal representation: timestamps as epoch-millis longs, dates as
 * epoch-day ints, decimals as BigDecimal).
 */
public final class CatalogTable extends AbstractTable implements ScannableTable, org.apache.calcite.schema.TemporalTable {
    private final String name;
    private final String kind;
    private final Schema schema;
    private final Supplier<List<Object[]>> snapshot;

    public CatalogTable(String name, String kind, Schema schema, Supplier<List<Object[]>> snapshot) {
        this.name = name;
        this.kind = kind;
        this.schema = schema;
        this.snapshot = snapshot;
    }

    public Schema schema() { return schema; }
    public String kind() { return kind; }
    public boolean isQueryable() { return snapshot != null; }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        List<RelDataType> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Field f : schema.fields()) {
            names.add(f.name());
            types.add(TypeMapping.toRelType(typeFactory, f));
        }
        return typeFactory.createStructType(types, names);
    }

    /**
     * Every object may appear in {@code FOR SYSTEM_TIME AS OF}: a stream's versions are its rows, valid from their
     * event time (the planner refuses objects without one, with a clear error).
     */
    @Override public String getSysStartFieldName() {
        return schema.rowtimeIndex() >= 0 ? schema.field(schema.rowtimeIndex()).name() : "";
    }

    @Override public String getSysEndFieldName() { return getSysStartFieldName(); }

    @Override public Enumerable<Object[]> scan(DataContext root) {
        if (snapshot == null) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, kind + " " + name + " is unbounded and cannot be queried "
                    + "ad hoc; create a MATERIALIZED VIEW over it (or subscribe to it)");
        }
        return Linq4j.asEnumerable(snapshot.get());
    }
}
