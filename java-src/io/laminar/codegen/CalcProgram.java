package io.laminar.codegen;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import java.lang.reflect.Constructor;
import java.util.Map;

/**
 * A compiled filter-and-project program as a value: its class name, its Java source (shown by
 * {@code EXPLAIN CODE}), whether it runs compiled or interpreted (and why), and a factory for kernels. Immutable
 * and thread-safe; kernels made from it are not (make one per core thread).
 */
public final class CalcProgram {
    private final String className;
    private final String source;
    private final String digest;
    private final String fallbackReason;
    private final Constructor<? extends CalcKernel> constructor;
    private final Lowering.Lowered lowered;

    private CalcProgram(String className, String source, String digest, String fallbackReason,
                        Constructor<? extends CalcKernel> constructor, Lowering.Lowered lowered) {
        this.className = className;
        this.source = source;
        this.digest = digest;
        this.fallbackReason = fallbackReason;
        this.constructor = constructor;
        this.lowered = lowered;
    }

    static CalcProgram compiled(String className, String source, String digest,
                                Constructor<? extends CalcKernel> constructor, Lowering.Lowered lowered) {
        return new CalcProgram(className, source, digest, null, constructor, lowered);
    }

    static CalcProgram interpreted(String className, String description, String digest, String reason,
                                   Lowering.Lowered lowered) {
        return new CalcProgram(className, description, digest, reason, null, lowered);
    }

    /** The generated class's name (for an interpreted program, the name it would have had). */
    public String className() { return className; }

    /** The generated Java source; for an interpreted program, a readable description of what it evaluates. */
    public String source() { return source; }

    /** True when kernels interpret the program instead of running generated code. */
    public boolean interpreted() { return constructor == null; }

    /** Why the program is interpreted; null when it is compiled. */
    public String fallbackReason() { return fallbackReason; }

    /** The cache key: the program's expressions with their types, and the input and output schemas. */
    public String digest() { return digest; }

    /** A new kernel; one per core thread (kernels are single-threaded). */
    public CalcKernel newKernel() {
        if (constructor == null) return new Interpreter(lowered);
        try {
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new LaminarException(ErrorCode.CODEGEN, "cannot instantiate generated kernel " + className,
                    Map.of("class", className), e);
        }
    }

    @Override public String toString() {
        return "#<laminar calc " + className + (interpreted() ? " interpreted: " + fallbackReason : " compiled") + ">";
    }
}
