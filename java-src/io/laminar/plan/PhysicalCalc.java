package io.laminar.plan;

import io.laminar.codegen.CalcKernel;
import io.laminar.codegen.CalcProgram;
import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.exec.ExecStage;

/**
 * Filter + projection compiled into one class ({@link CalcProgram}); the interpreter when it could not be.
 *
 * <p>A filter over a changelog ({@code retracting}) keeps the changelog well-formed: when a condition holds for the
 * old value of a row but not the new one, the update becomes a delete (-U kept, relabelled -D); when it holds for
 * the new value only, an insert (+U relabelled +I) — so HAVING and WHERE over updating streams emit rows a consumer
 * can apply without having seen the rows that were filtered out.
 */
public record PhysicalCalc(CalcProgram program, Schema outputSchema, String description, boolean retracting)
        implements PhysicalStage {
    @Override public ExecStage instantiate() {
        CalcKernel kernel = program.newKernel();
        Batch out = new Batch(outputSchema, 1024);
        if (!retracting) {
            return in -> {
                out.clear();
                kernel.process(in, out);
                return out;
            };
        }
        return new ExecStage() {
            private Batch single;

            @Override public Batch run(Batch in) {
                out.clear();
                if (!hasUpdateBefore(in)) { // only -U/+U pairs need a row-by-row look; anything else filters as is
                    kernel.process(in, out);
                    return out;
                }
                if (single == null) single = new Batch(in.schema, 1);
                int keptBefore = -1;          // out index of the last -U that passed
                boolean droppedBefore = false; // the last -U did not pass
                for (int r = 0; r < in.size; r++) {
                    byte op = in.ops[r];
                    single.clear();
                    single.appendRow(in, r, op);
                    boolean passed = kernel.process(single, out) > 0;
                    if (op == RowKind.UPDATE_BEFORE) {
                        keptBefore = passed ? out.size - 1 : -1;
                        droppedBefore = !passed;
                    } else if (op == RowKind.UPDATE_AFTER) {
                        if (passed && droppedBefore) out.ops[out.size - 1] = RowKind.INSERT;
                        if (!passed && keptBefore >= 0) out.ops[keptBefore] = RowKind.DELETE;
                        keptBefore = -1;
                        droppedBefore = false;
                    }
                }
                return out;
            }
        };
    }

    @Override public String explain() {
        return "Calc(" + description + ") [" + (program.interpreted() ? "interpreted: " + program.fallbackReason()
                : "compiled " + program.className()) + "]";
    }

    @Override public String code() { return program.source(); }

    private static boolean hasUpdateBefore(Batch in) {
        for (int r = 0; r < in.size; r++) if (in.ops[r] == RowKind.UPDATE_BEFORE) return true;
        return false;
    }
}
