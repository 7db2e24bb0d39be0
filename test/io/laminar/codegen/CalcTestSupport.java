package io.laminar.codegen;

import io.laminar.data.Batch;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.sql.TypeMapping;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;

/**
 * Builds {@link RexProgram}s from real SQL for codegen tests: {@code SELECT <exprs> FROM t [WHERE <cond>]} over a
 * single table {@code t} of the given schema, planned by Calcite and collapsed by a {@link HepPlanner}
 * (FILTER_TO_CALC, PROJECT_TO_CALC, CALC_MERGE) into one {@code LogicalCalc}.
 */
public final class CalcTestSupport {
    private CalcTestSupport() {}

    /** A planned calc: its program, the input schema and the output schema. */
    public record Planned(RexProgram program, Schema input, Schema output) {
        public CalcProgram compile() {
            return CalcCompiler.compile(program, input, output);
        }
    }

    /**
     * Bytes this thread allocates while {@code kernel} processes {@code in} into {@code out} (emptied first) 5,000
     * times, measured after 20,000 warm-up runs (so the kernel is compiled) with the per-thread allocation counter.
     */
    public static long steadyStateAllocation(CalcKernel kernel, Batch in, Batch out) {
        for (int w = 0; w < 20_000; w++) {
            out.clear();
            kernel.process(in, out);
        }
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int it = 0; it < 5_000; it++) {
            out.clear();
            kernel.process(in, out);
        }
        return mx.getThreadAllocatedBytes(tid) - before;
    }

    /** Plans {@code sql} (a query over table {@code t}) into one calc program, with Calcite's default type system. */
    public static Planned plan(Schema input, String sql) {
        return plan(input, sql, org.apache.calcite.rel.type.RelDataTypeSystem.DEFAULT);
    }

    /** As {@link #plan(Schema, String)} with the engine's type system (DECIMAL precision up to 38, as in SQL). */
    public static Planned planAsEngine(Schema input, String sql) {
        return plan(input, sql, io.laminar.sql.SqlFrontEnd.TYPE_SYSTEM);
    }

    private static Planned plan(Schema input, String sql, org.apache.calcite.rel.type.RelDataTypeSystem types) {
        SchemaPlus root = Frameworks.createRootSchema(true);
        root.add("t", new AbstractTable() {
            @Override public RelDataType getRowType(RelDataTypeFactory tf) {
                RelDataTypeFactory.Builder b = tf.builder();
                for (Field f : input.fields()) b.add(f.name(), TypeMapping.toRelType(tf, f));
                return b.build();
            }
        });
        FrameworkConfig config = Frameworks.newConfigBuilder()
                .defaultSchema(root)
                .typeSystem(types)
                .parserConfig(SqlParser.config().withCaseSensitive(false).withConformance(SqlConformanceEnum.LENIENT))
                .sqlValidatorConfig(SqlValidator.Config.DEFAULT.withConformance(SqlConformanceEnum.LENIENT))
                .operatorTable(SqlOperatorTables.chain(io.laminar.sql.LaminarOperators.table(),
                        SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.ORACLE)))
                .build();
        Planner planner = Frameworks.getPlanner(config);
        RelNode rel;
        try {
            rel = planner.rel(planner.validate(planner.parse(sql))).project();
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot plan " + sql + ": " + e.getMessage(), e);
        } finally {
            planner.close();
        }
        HepPlanner hep = new HepPlanner(new HepProgramBuilder()
                .addRuleInstance(CoreRules.FILTER_TO_CALC)
                .addRuleInstance(CoreRules.PROJECT_TO_CALC)
                .addRuleInstance(CoreRules.CALC_MERGE)
                .build());
        hep.setRoot(rel);
        RelNode best = hep.findBestExp();
        if (best instanceof TableScan) {
            // SELECT * FROM t: an identity calc
            best = org.apache.calcite.rel.logical.LogicalCalc.create(best,
                    RexProgram.createIdentity(best.getRowType()));
        }
        if (!(best instanceof Calc calc) || !(calc.getInput() instanceof TableScan)) {
            throw new IllegalArgumentException("expected one Calc over the scan, got\n" + org.apache.calcite.plan.RelOptUtil.toString(best));
        }
        return new Planned(calc.getProgram(), input, TypeMapping.toSchema(calc.getRowType()));
    }

    /** A batch of the given rows (boxed values as {@link Batch#setValue} takes them), all {@code +I}. */
    public static Batch batch(Schema schema, Object[]... rows) {
        Batch b = new Batch(schema, Math.max(rows.length, 1));
        for (Object[] row : rows) {
            int r = b.addRow(RowKind.INSERT);
            for (int c = 0; c < row.length; c++) b.setValue(c, r, row[c]);
        }
        return b;
    }

    /** Every row of a batch as boxed values. */
    public static List<List<Object>> rows(Batch b) {
        List<List<Object>> out = new ArrayList<>();
        for (int r = 0; r < b.size; r++) out.add(java.util.Arrays.asList(b.row(r)));
        return out;
    }
}
