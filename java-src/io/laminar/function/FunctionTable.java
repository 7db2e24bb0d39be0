package io.laminar.function;

import io.laminar.data.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.util.Optionality;

/** The registry as a Calcite operator table: each lookup reads the registry, so new functions are seen at once. */
public final class FunctionTable implements SqlOperatorTable {
    public static final FunctionTable INSTANCE = new FunctionTable();

    private FunctionTable() {}

    /** The Calcite operator of a scalar user function; the lowering finds the function through it. */
    public static final class ScalarOperator extends SqlFunction {
        public final ScalarFunction function;

        ScalarOperator(ScalarFunction f) {
            super(f.name().toUpperCase(java.util.Locale.ROOT), SqlKind.OTHER_FUNCTION, returns(f.result()), null,
                    OperandTypes.family(f.params().stream().map(FunctionTable::family).toList()),
                    SqlFunctionCategory.USER_DEFINED_FUNCTION);
            this.function = f;
        }

        @Override public boolean isDeterministic() { return false; } // never folded at plan time: it is user code
    }

    /**
     * The Calcite operator of a user table function: a CURSOR-returning function whose row type (the registered
     * columns, each nullable) Calcite reads through {@link org.apache.calcite.sql.SqlTableFunction}.
     */
    public static final class TableOperator extends SqlFunction implements org.apache.calcite.sql.SqlTableFunction {
        public final TableFunction function;

        TableOperator(TableFunction f) {
            super(f.name().toUpperCase(java.util.Locale.ROOT), SqlKind.OTHER_FUNCTION, ReturnTypes.CURSOR, null,
                    OperandTypes.family(f.params().stream().map(FunctionTable::family).toList()),
                    SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
            this.function = f;
        }

        @Override public SqlReturnTypeInference getRowTypeInference() {
            return binding -> {
                org.apache.calcite.rel.type.RelDataTypeFactory types = binding.getTypeFactory();
                org.apache.calcite.rel.type.RelDataTypeFactory.Builder b = types.builder();
                for (int i = 0; i < function.columns().size(); i++) {
                    b.add(function.columns().get(i), types.createTypeWithNullability(
                            sqlTypeOf(types, function.columnTypes().get(i)), true));
                }
                return b.build();
            };
        }

        @Override public boolean isDeterministic() { return false; }
    }

    private static org.apache.calcite.rel.type.RelDataType sqlTypeOf(org.apache.calcite.rel.type.RelDataTypeFactory types,
                                                                     ColumnType t) {
        return switch (t) {
            case DECIMAL -> types.createSqlType(SqlTypeName.DECIMAL, 38, 10);
            case TIMESTAMP -> types.createSqlType(SqlTypeName.TIMESTAMP, 3);
            case VARCHAR -> types.createSqlType(SqlTypeName.VARCHAR, Integer.MAX_VALUE);
            default -> types.createSqlType(sqlType(t));
        };
    }

    private static SqlOperator aggregateOperator(AggregateFunction f) {
        return new SqlAggFunction(f.name().toUpperCase(java.util.Locale.ROOT), null, SqlKind.OTHER_FUNCTION,
                returns(f.result()), null, OperandTypes.family(family(f.param())),
                SqlFunctionCategory.USER_DEFINED_FUNCTION, false, false, Optionality.FORBIDDEN) {};
    }

    static SqlReturnTypeInference returns(ColumnType t) {
        return ReturnTypes.explicit(sqlType(t)).andThen(SqlTypeTransforms.TO_NULLABLE);
    }

    static SqlTypeName sqlType(ColumnType t) {
        return switch (t) {
            case BOOLEAN -> SqlTypeName.BOOLEAN;
            case INTEGER -> SqlTypeName.INTEGER;
            case BIGINT -> SqlTypeName.BIGINT;
            case DOUBLE -> SqlTypeName.DOUBLE;
            case DECIMAL -> SqlTypeName.DECIMAL;
            case VARCHAR -> SqlTypeName.VARCHAR;
            case TIMESTAMP -> SqlTypeName.TIMESTAMP;
            default -> throw new IllegalArgumentException("unsupported user-function type " + t);
        };
    }

    static SqlTypeFamily family(ColumnType t) {
        return switch (t) {
            case BOOLEAN -> SqlTypeFamily.BOOLEAN;
            case INTEGER, BIGINT -> SqlTypeFamily.INTEGER;
            case DOUBLE, DECIMAL -> SqlTypeFamily.NUMERIC;
            case VARCHAR -> SqlTypeFamily.CHARACTER;
            case TIMESTAMP -> SqlTypeFamily.TIMESTAMP;
            default -> throw new IllegalArgumentException("unsupported user-function type " + t);
        };
    }

    @Override public void lookupOperatorOverloads(SqlIdentifier opName, SqlFunctionCategory category, SqlSyntax syntax,
                                                  List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
        if (!opName.isSimple() || (syntax != SqlSyntax.FUNCTION && syntax != SqlSyntax.FUNCTION_STAR)) return;
        String name = opName.getSimple();
        ScalarFunction s = FunctionRegistry.scalar(name);
        if (s != null) operatorList.add(new ScalarOperator(s));
        AggregateFunction a = FunctionRegistry.aggregate(name);
        if (a != null) operatorList.add(aggregateOperator(a));
        TableFunction t = FunctionRegistry.table(name);
        if (t != null) operatorList.add(new TableOperator(t));
    }

    @Override public List<SqlOperator> getOperatorList() {
        List<SqlOperator> out = new ArrayList<>();
        for (ScalarFunction s : FunctionRegistry.scalars()) out.add(new ScalarOperator(s));
        for (AggregateFunction a : FunctionRegistry.aggregates()) out.add(aggregateOperator(a));
        for (TableFunction t : FunctionRegistry.tables()) out.add(new TableOperator(t));
        return out;
    }
}
