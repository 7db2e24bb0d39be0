package io.laminar.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import org.junit.jupiter.api.Test;

/**
 * Behaviour, not timing: once warm, a compiled numeric filter + project over a 1024-row batch allocates nothing
 * (measured with the per-thread allocation counter around many batches; a tiny tolerance covers the counter).
 */
class AllocationTest {
    @Test
    void numericFilterAndProjectAllocateNothingInSteadyState() {
        Schema schema = Schema.of(new Field("k", ColumnType.BIGINT), new Field("price", ColumnType.DOUBLE),
                new Field("qty", ColumnType.INTEGER), new Field("ts", ColumnType.TIMESTAMP), new Field("ok", ColumnType.BOOLEAN));
        CalcTestSupport.Planned p = CalcTestSupport.plan(schema,
                "SELECT k, price * qty AS total, CASE WHEN qty > 5 THEN qty / 2 ELSE -qty END AS q, "
                        + "FLOOR(ts TO HOUR) + INTERVAL '1' MINUTE AS t1, EXTRACT(HOUR FROM ts) AS h, "
                        + "price > 50 AND ok IS NOT FALSE AS flag, COALESCE(qty, 0) + 1 AS c "
                        + "FROM t WHERE price * 1.5 > 20 AND MOD(k, 3) <> 0 AND qty IN (1, 3, 5, 7, 9, 11)");
        CalcProgram prog = p.compile();
        assertFalse(prog.interpreted(), prog.fallbackReason());
        Batch in = new Batch(schema, 1024);
        for (int r = 0; r < 1024; r++) {
            int row = in.addRow(RowKind.INSERT);
            in.setLong(0, row, r);
            in.setDouble(1, row, r % 100);
            if (r % 7 == 0) in.setNull(2, row); else in.setLong(2, row, r % 13);
            in.setLong(3, row, 1_700_000_000_000L + r * 60_000L);
            if (r % 5 == 0) in.setNull(4, row); else in.setLong(4, row, r % 2);
        }
        Batch out = new Batch(p.output(), 1024);
        long allocated = CalcTestSupport.steadyStateAllocation(prog.newKernel(), in, out);
        assertTrue(out.size > 100 && out.size < 1024, "passed " + out.size);
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes over 5000 batches of 1024 rows\n" + prog.source());
    }
}
