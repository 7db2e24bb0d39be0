package io.laminar.sql;

import io.laminar.ErrorCode;
import io.laminar.SqlException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.rules.AggregateReduceFunctionsRule;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.Pair;

/**
 * Calcite, set up for Laminar: a case-insensitive catalog over sources, streams, views and tables; the standard
 * operators plus CUMULATE and common library functions; validation; {@code SqlNode} → logical {@code RelNode}
 * normalised so the streaming planner sees Calcs (merged filter/project programs), Aggregates and window table
 * function scans.
 */
public final class SqlFrontEnd {
    /** DECIMAL precision up to 38 (Calcite's default caps at 19, which would truncate DECIMAL arithmetic). */
    public static final RelDataTypeSystem TYPE_SYSTEM = new RelDataTypeSystemImpl() {
        @Override public int getMaxPrecision(SqlTypeName typeName) {
            return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxPrecision(typeName);
        }
        @Override public int getDefaultPrecision(SqlTypeName typeName) {
            return typeName == SqlTypeName.TIMESTAMP ? 3 : super.getDefaultPrecision(typeName);
        }
        /** 'one' and 'three' in one VALUES/CASE/UNION are VARCHAR, not CHAR(5) padded to 'one  '. */
        @Override public boolean shouldConvertRaggedUnionTypesToVarying() {
            return true;
        }
    };

    private final CalciteSchema root = CalciteSchema.createRootSchema(false, false);
    private final JavaTypeFactoryImpl typeFactory = new JavaTypeFactoryImpl(TYPE_SYSTEM);
    private final SqlOperatorTable operators = SqlOperatorTables.chain(
            SqlOperatorTables.of(WindowFunctions.CUMULATE),
            io.laminar.function.FunctionTable.INSTANCE,   // user-defined functions, looked up live
            LaminarOperators.table());
    private final CalciteConnectionConfig connectionConfig;

    public SqlFrontEnd() {
        Properties p = new Properties();
        p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        connectionConfig = new CalciteConnectionConfigImpl(p);
    }

    public JavaTypeFactoryImpl typeFactory() { return typeFactory; }
    public CalciteSchema rootSchema() { return root; }

    public void register(String name, Table table) {
        root.add(name, table);
    }

    public void unregister(String name) {
        root.removeTable(name);
        CalciteSchema stored = root.getSubSchema(ComputedColumnsTable.PHYSICAL_SCHEMA, false);
        if (stored != null) stored.removeTable(name);
    }

    /**
     * Registers a source with computed columns: {@code declared} lists every column in declaration order, each a
     * stored column of {@code stored} by name or, when {@code procTime} holds its name, {@code PROCTIME()}.
     */
    public void registerWithComputedColumns(String name, CatalogTable stored, List<String> declared,
                                            java.util.Set<String> procTime) {
        CalciteSchema physical = root.getSubSchema(ComputedColumnsTable.PHYSICAL_SCHEMA, false);
        if (physical == null) {
            physical = root.add(ComputedColumnsTable.PHYSICAL_SCHEMA, new org.apache.calcite.schema.impl.AbstractSchema());
        }
        physical.add(name, stored);
        List<ComputedColumnsTable.Column> columns = new java.util.ArrayList<>();
        for (String c : declared) {
            columns.add(new ComputedColumnsTable.Column(c, procTime.contains(c) ? -1 : stored.schema().indexOf(c)));
        }
        root.add(name, new ComputedColumnsTable(name, stored, columns));
    }

    private CalciteCatalogReader catalogReader() {
        return new CalciteCatalogReader(root, List.of(), typeFactory, connectionConfig);
    }

    private SqlValidator validator(CalciteCatalogReader reader) {
        return SqlValidatorUtil.newValidator(operators, reader, typeFactory, SqlValidator.Config.DEFAULT
                .withIdentifierExpansion(true)
                .withConformance(SqlConformanceEnum.LENIENT)
                .withDefaultNullCollation(org.apache.calcite.config.NullCollation.LOW));
    }

    /** Query hints Laminar reads: {@code ASOF_MATCH(tolerance = '5s', mode = 'nearest')} on ASOF joins. */
    private static final org.apache.calcite.rel.hint.HintStrategyTable HINTS = org.apache.calcite.rel.hint.HintStrategyTable
            .builder().hintStrategy("ASOF_MATCH", org.apache.calcite.rel.hint.HintPredicates.JOIN).build();

    /**
     * Calcite keeps a SELECT's hints on its projection and does not pass them to an ASOF join below it; the planner
     * reads them from the join, so each ASOF join takes the ASOF_MATCH hints of its nearest SELECT.
     */
    private static RelNode attachAsofHints(RelNode rel, List<org.apache.calcite.rel.hint.RelHint> inherited) {
        List<org.apache.calcite.rel.hint.RelHint> hints = inherited;
        if (rel instanceof org.apache.calcite.rel.hint.Hintable h) {
            List<org.apache.calcite.rel.hint.RelHint> own = h.getHints().stream()
                    .filter(x -> x.hintName.equalsIgnoreCase("ASOF_MATCH")).toList();
            if (!own.isEmpty()) hints = own;
        }
        List<RelNode> inputs = new java.util.ArrayList<>();
        boolean changed = false;
        for (RelNode in : rel.getInputs()) {
            RelNode n = attachAsofHints(in, hints);
            inputs.add(n);
            changed |= n != in;
        }
        RelNode out = changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
        if (out instanceof org.apache.calcite.rel.logical.LogicalAsofJoin j && !hints.isEmpty() && j.getHints().isEmpty()) {
            out = j.withHints(hints);
        }
        return out;
    }

    /**
     * {@code IN (subquery)} and {@code [NOT] EXISTS (subquery)} become joins (Calcite's sub-query removal, then
     * decorrelation): an IN over a stream is then a join with the distinct keys of the subquery, a NOT EXISTS a left
     * join keeping the rows without a partner — both incremental, as changelogs.
     */
    private static RelNode removeSubQueries(RelNode rel) {
        HepProgramBuilder b = new HepProgramBuilder();
        b.addRuleCollection(List.of(CoreRules.FILTER_SUB_QUERY_TO_CORRELATE, CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
                CoreRules.JOIN_SUB_QUERY_TO_CORRELATE));
        HepPlanner planner = new HepPlanner(b.build());
        planner.setRoot(rel);
        RelNode out = planner.findBestExp();
        if (out == rel) return rel;
        return org.apache.calcite.sql2rel.RelDecorrelator.decorrelateQuery(out,
                org.apache.calcite.tools.RelBuilder.proto(org.apache.calcite.plan.Contexts.empty()).create(out.getCluster(), null));
    }

    /** Validates a query and converts it to a normalised logical plan. */
    public RelNode toRel(SqlNode query) {
        return convert(query, true);
    }

    private RelNode convert(SqlNode query, boolean streaming) {
        OverWindowCheck.check(query);
        SqlNode rewritten = WindowFunctions.rewriteGroupWindows(query);
        CalciteCatalogReader reader = catalogReader();
        SqlValidator validator = validator(reader);
        SqlNode validated;
        try {
            validated = validator.validate(rewritten);
        } catch (CalciteContextException e) {
            throw new SqlException(ErrorCode.VALIDATION, e.getMessage(),
                    Map.of("line", e.getPosLine(), "column", e.getPosColumn()), e);
        } catch (org.apache.calcite.runtime.CalciteException e) {
            throw new SqlException(ErrorCode.VALIDATION, e.getMessage(), Map.of(), e);
        }
        RexBuilder rexBuilder = new RexBuilder(typeFactory);
        RelOptCluster cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()), rexBuilder);
        cluster.setHintStrategies(HINTS);
        SqlToRelConverter converter = new SqlToRelConverter((rowType, queryString, schemaPath, viewPath) -> null,
                validator, reader, cluster, StandardConvertletTable.INSTANCE,
                SqlToRelConverter.config().withTrimUnusedFields(true).withExpand(false)
                        .withHintStrategyTable(HINTS));
        RelRoot relRoot = converter.convertQuery(validated, false, true);
        RelNode rel = relRoot.project();
        rel = converter.decorrelate(validated, rel);
        try {
            rel = converter.trimUnusedFields(true, rel);
        } catch (org.apache.calcite.util.mapping.Mappings.NoElementException e) {
            // Calcite's trimmer drops a column that only a correlated FOR SYSTEM_TIME AS OF period uses (a lookup join
            // AS OF a PROCTIME() column of a subquery) and then fails to map it: plan the untrimmed tree instead
            if (!containsSnapshot(rel)) throw e;
        }
        rel = attachAsofHints(rel, List.of());
        rel = removeSubQueries(rel);
        return streaming ? normalize(rel) : rel;
    }

    private static boolean containsSnapshot(RelNode rel) {
        if (rel instanceof org.apache.calcite.rel.core.Snapshot) return true;
        for (RelNode in : rel.getInputs()) if (containsSnapshot(in)) return true;
        return false;
    }

    /** The Calcite type of a column declaration. */
    public RelDataType deriveType(org.apache.calcite.sql.SqlDataTypeSpec spec) {
        try {
            return spec.deriveType(validator(catalogReader()), true);
        } catch (RuntimeException e) {
            throw new SqlException(ErrorCode.VALIDATION, "unknown or unsupported type " + spec + ": " + e.getMessage());
        }
    }

    /** Validates a query and converts it to a logical plan without streaming normalisation (ad-hoc queries). */
    public RelNode toLogical(SqlNode query) {
        return convert(query, false);
    }

    /** The row type a query would produce (validation only). */
    public RelDataType validateRowType(SqlNode query) {
        return toRel(query).getRowType();
    }

    static RelNode normalize(RelNode rel) {
        HepProgramBuilder b = new HepProgramBuilder();
        b.addRuleInstance(AggregateReduceFunctionsRule.Config.DEFAULT
                .withFunctionsToReduce(java.util.EnumSet.of(SqlKind.AVG)).toRule());
        // joins first: WHERE conditions over a join become its condition (so keys and time bounds are visible) or move
        // down to one input; expressions in equalities become columns of the inputs, so keys are plain columns
        b.addRuleCollection(List.of(
                CoreRules.FILTER_INTO_JOIN,
                CoreRules.JOIN_CONDITION_PUSH,
                CoreRules.JOIN_PUSH_EXPRESSIONS,
                CoreRules.FILTER_PROJECT_TRANSPOSE,
                CoreRules.FILTER_MERGE));
        b.addRuleCollection(List.of(
                CoreRules.FILTER_PROJECT_TRANSPOSE,
                CoreRules.FILTER_MERGE,
                CoreRules.PROJECT_MERGE,
                CoreRules.PROJECT_REMOVE,
                CoreRules.FILTER_TO_CALC,
                CoreRules.PROJECT_TO_CALC,
                CoreRules.CALC_MERGE,
                CoreRules.CALC_REMOVE));
        HepPlanner planner = new HepPlanner(b.build());
        planner.setRoot(rel);
        return planner.findBestExp();
    }

    public static String explainLogical(RelNode rel) {
        return RelOptUtil.toString(rel);
    }

    /** Column names and types of a row type (DESCRIBE). */
    public static List<Pair<String, RelDataType>> columns(RelDataType rowType) {
        return Pair.zip(rowType.getFieldNames(), org.apache.calcite.plan.RelOptUtil.getFieldTypeList(rowType));
    }
}
