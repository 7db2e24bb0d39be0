package io.laminar.codegen;

import io.laminar.ErrorCode;
import io.laminar.SqlException;
import io.laminar.data.Schema;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

/**
 * Compiles the {@link RexProgram} of a calc (an optional condition plus projections) into a {@link CalcProgram}:
 * lowers it to {@link Ir}, writes one Java class ({@link JavaGenerator}), compiles it with Janino into its own
 * class loader, and caches the result by digest. Anything that lowers but does not compile runs on the
 * {@link Interpreter} instead, with the reason recorded; anything that does not lower is rejected with a
 * {@link SqlException} naming the construct. Thread-safe; runs on the control plane, never on a core thread.
 */
public final class CalcCompiler {
    private CalcCompiler() {}

    /** How many programs the cache keeps; the oldest is dropped first, and its class loader can then be collected. */
    static final int CACHE_SIZE = 512;

    private static final ConcurrentHashMap<String, CalcProgram> CACHE = new ConcurrentHashMap<>();
    private static final ConcurrentLinkedQueue<String> ORDER = new ConcurrentLinkedQueue<>();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** Tests: interpret every program compiled while set (such programs bypass the cache). */
    static volatile boolean forceInterpreter;

    /** Tests: rewrites generated source before Janino sees it (to exercise the compile-failure fallback). */
    static volatile UnaryOperator<String> sourceHook;

    /**
     * Compiles (or fetches from the cache keyed by the program's digest + input schema) a kernel factory. Never
     * throws for an expression the generator cannot compile: falls back to the interpreter and records why.
     *
     * @throws SqlException {@link ErrorCode#UNSUPPORTED_QUERY} naming a function or construct neither the compiler
     *     nor the interpreter supports
     */
    public static CalcProgram compile(RexProgram program, Schema input, Schema output) {
        boolean bypass = forceInterpreter || sourceHook != null;
        String digest = digest(program, input, output);
        if (!bypass) {
            CalcProgram cached = CACHE.get(digest);
            if (cached != null) return cached;
        }
        CalcProgram built = build(program, input, output, digest, forceInterpreter);
        if (bypass) return built;
        CalcProgram raced = CACHE.putIfAbsent(digest, built);
        if (raced != null) return raced;
        ORDER.add(digest);
        while (CACHE.size() > CACHE_SIZE) {
            String oldest = ORDER.poll();
            if (oldest == null) break;
            CACHE.remove(oldest);
        }
        return built;
    }

    /** Tests: the interpreted form of a program, outside the cache. */
    static CalcProgram interpret(RexProgram program, Schema input, Schema output) {
        return build(program, input, output, digest(program, input, output), true);
    }

    /** Empties the cache (tests, and the lead's {@code SET} of codegen options). */
    public static void clearCache() {
        CACHE.clear();
        ORDER.clear();
    }

    static int cacheSize() { return CACHE.size(); }

    private static CalcProgram build(RexProgram program, Schema input, Schema output, String digest, boolean interpret) {
        Lowering.Lowered lowered;
        try {
            lowered = Lowering.lower(program, input, output);
        } catch (Lowering.Unsupported u) {
            throw new SqlException(ErrorCode.UNSUPPORTED_QUERY, u.construct + " is not supported in expressions"
                    + (u.detail == null ? "" : " (" + u.detail + ")") + "; rewrite the query without it",
                    Map.of("construct", u.construct), u);
        }
        String className = "LaminarCalc" + SEQUENCE.incrementAndGet();
        String source;
        try {
            source = new JavaGenerator(lowered, program).generate(className);
        } catch (RuntimeException e) {
            return CalcProgram.interpreted(className, describe(program), digest, "code generation failed: " + e, lowered);
        }
        if (interpret) {
            return CalcProgram.interpreted(className, describe(program), digest, "interpretation forced", lowered);
        }
        UnaryOperator<String> hook = sourceHook;
        String toCompile = hook == null ? source : hook.apply(source);
        try {
            SimpleCompiler compiler = new SimpleCompiler();
            compiler.setParentClassLoader(CalcCompiler.class.getClassLoader());
            compiler.cook(toCompile);
            Class<? extends CalcKernel> cls = compiler.getClassLoader().loadClass(className).asSubclass(CalcKernel.class);
            return CalcProgram.compiled(className, source, digest, cls.getConstructor(), lowered);
        } catch (CompileException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            return CalcProgram.interpreted(className, describe(program) + "\n// generated source that failed to compile:\n"
                    + toCompile, digest, "Janino could not compile the generated class: " + e.getMessage(), lowered);
        }
    }

    /** The program as text, one line per output column: what an interpreted program evaluates. */
    private static String describe(RexProgram program) {
        StringBuilder sb = new StringBuilder("// interpreted calc\n");
        if (program.getCondition() != null) {
            sb.append("WHERE ").append(program.expandLocalRef(program.getCondition())).append('\n');
        }
        var names = program.getOutputRowType().getFieldNames();
        for (int i = 0; i < program.getProjectList().size(); i++) {
            sb.append(names.get(i)).append(" = ").append(program.expandLocalRef(program.getProjectList().get(i))).append('\n');
        }
        return sb.toString();
    }

    static String digest(RexProgram program, Schema input, Schema output) {
        StringBuilder sb = new StringBuilder("in").append(input).append(" out(");
        for (int i = 0; i < output.size(); i++) sb.append(i > 0 ? ", " : "").append(output.field(i).sqlType());
        sb.append(") exprs[");
        int i = 0;
        for (RexNode e : program.getExprList()) {
            sb.append(i++ > 0 ? ", " : "").append(e).append(':').append(e.getType().getFullTypeString());
        }
        sb.append("] project").append(program.getProjectList());
        if (program.getCondition() != null) sb.append(" where ").append(program.getCondition());
        // how each column is held (a DECIMAL's storage follows its scale): kernels for different layouts differ
        sb.append(" storage ");
        for (Schema s : new Schema[] {input, output}) {
            for (io.laminar.data.Field f : s.fields()) sb.append(f.storage().name().charAt(0)).append(f.scale());
            sb.append('/');
        }
        return sb.toString();
    }
}
