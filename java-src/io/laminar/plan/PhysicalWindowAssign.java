package io.laminar.plan;

import io.laminar.data.Batch;
import io.laminar.data.Schema;
import io.laminar.exec.ExecStage;
import io.laminar.operator.window.WindowSpec;

/**
 * A window table function without aggregation: each row is copied once per window containing it, with
 * {@code window_start} and {@code window_end} appended — the columns of Calcite's window function row type
 * (TUMBLE, HOP, CUMULATE).
 */
public record PhysicalWindowAssign(WindowSpec window, int timeColumn, Schema outputSchema) implements PhysicalStage {
    @Override public ExecStage instantiate() {
        Batch out = new Batch(outputSchema, 1024);
        long[] ends = new long[window.maxWindowsPerRow()];
        int inCols = outputSchema.size() - 2;
        return in -> {
            out.clear();
            for (int r = 0; r < in.size; r++) {
                if (in.nulls[timeColumn][r]) continue;
                int n = window.windowEnds(in.longs[timeColumn][r], ends);
                for (int w = 0; w < n; w++) {
                    int o = out.addRow(in.ops[r]);
                    for (int c = 0; c < inCols; c++) out.copyValue(c, o, in, c, r);
                    out.setLong(inCols, o, window.startOf(ends[w]));
                    out.setLong(inCols + 1, o, ends[w]);
                }
            }
            return out;
        };
    }

    @Override public String explain() {
        return "WindowAssign(" + window.sql(outputSchema.field(timeColumn).name()) + ")";
    }
}
