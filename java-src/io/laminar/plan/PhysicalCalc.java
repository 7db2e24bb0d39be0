package io.laminar.plan;

import io.laminar.codegen.CalcKernel;
import io.laminar.codegen.CalcProgram;
import io.laminar.data.Batch;
import io.laminar.data.Schema;
import io.laminar.exec.ExecStage;

/** Filter + projection compiled into one class ({@link CalcProgram}); the interpreter when it could not be. */
public record PhysicalCalc(CalcProgram program, Schema outputSchema, String description) implements PhysicalStage {
    @Override public ExecStage instantiate() {
        CalcKernel kernel = program.newKernel();
        Batch out = new Batch(outputSchema, 1024);
        return in -> {
            out.clear();
            kernel.process(in, out);
            return out;
        };
    }

    @Override public String explain() {
        return "Calc(" + description + ") [" + (program.interpreted() ? "interpreted: " + program.fallbackReason()
                : "compiled " + program.className()) + "]";
    }

    @Override public String code() { return program.source(); }
}
