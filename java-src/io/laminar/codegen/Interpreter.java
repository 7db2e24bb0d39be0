package io.laminar.codegen;

import io.laminar.data.Batch;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The fallback kernel: walks the lowered {@link Ir} for each row, with boxed values (NULL is Java null). Calls go
 * to the same {@link Functions} methods the compiled code calls, common subexpressions are evaluated at most once
 * per row and only when first needed, CASE/AND/OR/COALESCE evaluate lazily — the same semantics as the compiled
 * kernels, only slower. Single-threaded, like every kernel.
 */
final class Interpreter implements CalcKernel {
    private final Lowering.Lowered program;
    private final Object[] memo;
    private final boolean[] done;
    private final Kind[] outKinds;
    private Batch in;
    private int row;

    Interpreter(Lowering.Lowered program) {
        this.program = program;
        this.memo = new Object[program.locals().length];
        this.done = new boolean[program.locals().length];
        this.outKinds = new Kind[program.output().size()];
        for (int i = 0; i < outKinds.length; i++) {
            outKinds[i] = Kind.of(program.output().field(i).type());
        }
    }

    @Override public int process(Batch in, Batch out) {
        int n = in.size;
        out.ensureCapacity(n);
        int start = out.size, o = start;
        this.in = in;
        Ir cond = program.condition();
        Ir[] projects = program.projects();
        try {
            for (row = 0; row < n; row++) {
                Arrays.fill(done, false);
                if (cond != null && !Boolean.TRUE.equals(eval(cond))) continue;
                for (int c = 0; c < projects.length; c++) write(out, c, o, eval(projects[c]));
                out.ops[o] = in.ops[row];
                o++;
            }
        } finally {
            out.size = o;
            this.in = null;
            Arrays.fill(memo, null);
        }
        return o - start;
    }

    private void write(Batch out, int col, int r, Object v) {
        boolean isNull = v == null;
        out.nulls[col][r] = isNull;
        int scale = out.decimalScale(col);
        if (scale >= 0) { // the same rounding and spilling as the compiled kernels' store
            Batch.storeDecimal(out.longs[col], out.objects[col], r, (BigDecimal) v, scale);
            return;
        }
        switch (outKinds[col]) {
            case BOOL -> out.longs[col][r] = isNull ? 0 : ((Boolean) v ? 1 : 0);
            case LONG -> out.longs[col][r] = isNull ? 0 : (Long) v;
            case DOUBLE -> out.doubles[col][r] = isNull ? 0 : (Double) v;
            default -> out.objects[col][r] = v;
        }
    }

    Object eval(Ir ir) {
        if (ir instanceof Ir.Input x) return input(x);
        if (ir instanceof Ir.Spill x) return in.nulls[x.column()][row] ? null : in.objects[x.column()][row];
        if (ir instanceof Ir.Const x) return x.value();
        if (ir instanceof Ir.Local x) {
            int i = x.index();
            if (!done[i]) {
                memo[i] = eval(program.locals()[i]);
                done[i] = true;
            }
            return memo[i];
        }
        if (ir instanceof Ir.Call x) {
            Ir[] args = x.args();
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                values[i] = eval(args[i]);
                if (values[i] == null) return null;
            }
            return invoke(x, values);
        }
        if (ir instanceof Ir.NullableResult x) return eval(x.call()); // Java null is SQL NULL here already
        if (ir instanceof Ir.And x) {
            boolean sawNull = false;
            for (Ir a : x.args()) {
                Object v = eval(a);
                if (v == null) sawNull = true;
                else if (!(Boolean) v) return false;
            }
            return sawNull ? null : Boolean.TRUE;
        }
        if (ir instanceof Ir.Or x) {
            boolean sawNull = false;
            for (Ir a : x.args()) {
                Object v = eval(a);
                if (v == null) sawNull = true;
                else if ((Boolean) v) return true;
            }
            return sawNull ? null : Boolean.FALSE;
        }
        if (ir instanceof Ir.IsNull x) return (eval(x.arg()) == null) != x.negated();
        if (ir instanceof Ir.Truth x) {
            Object v = eval(x.arg());
            boolean is = v != null && (Boolean) v == x.expect();
            return is != x.negated();
        }
        if (ir instanceof Ir.Compare x) {
            Object a = eval(x.left());
            Object b = eval(x.right());
            if (a == null || b == null) return null;
            return compare(x.op(), x.left().kind(), a, b);
        }
        if (ir instanceof Ir.Distinct x) {
            Object a = eval(x.left());
            Object b = eval(x.right());
            boolean distinct = a == null || b == null ? (a == null) != (b == null)
                    : !compare(org.apache.calcite.sql.SqlKind.EQUALS, x.left().kind(), a, b);
            return distinct != x.negated();
        }
        if (ir instanceof Ir.Case x) {
            for (int i = 0; i < x.conds().length; i++) {
                if (Boolean.TRUE.equals(eval(x.conds()[i]))) return eval(x.values()[i]);
            }
            return eval(x.otherwise());
        }
        if (ir instanceof Ir.Coalesce x) {
            for (Ir a : x.args()) {
                Object v = eval(a);
                if (v != null) return v;
            }
            return null;
        }
        throw new IllegalStateException("unknown IR node " + ir);
    }

    private Object input(Ir.Input x) {
        int c = x.column();
        if (in.nulls[c][row]) return null;
        return switch (x.kind()) {
            case BOOL -> in.longs[c][row] != 0;
            case LONG -> in.longs[c][row];
            case DOUBLE -> in.doubles[c][row];
            default -> in.objects[c][row];
        };
    }

    static boolean compare(org.apache.calcite.sql.SqlKind op, Kind kind, Object a, Object b) {
        if (kind == Kind.DOUBLE) {
            double x = (Double) a, y = (Double) b;
            return switch (op) {
                case EQUALS -> x == y;
                case NOT_EQUALS -> x != y;
                case LESS_THAN -> x < y;
                case LESS_THAN_OR_EQUAL -> x <= y;
                case GREATER_THAN -> x > y;
                default -> x >= y;
            };
        }
        int c = switch (kind) {
            case LONG -> Long.compare((Long) a, (Long) b);
            case BOOL -> Boolean.compare((Boolean) a, (Boolean) b);
            case DECIMAL -> ((BigDecimal) a).compareTo((BigDecimal) b);
            case STRING -> ((String) a).compareTo((String) b);
            case BYTES -> Functions.compare((byte[]) a, (byte[]) b);
            default -> throw new IllegalStateException("compare " + kind);
        };
        return switch (op) {
            case EQUALS -> c == 0;
            case NOT_EQUALS -> c != 0;
            case LESS_THAN -> c < 0;
            case LESS_THAN_OR_EQUAL -> c <= 0;
            case GREATER_THAN -> c > 0;
            default -> c >= 0;
        };
    }

    /** Calls the function of {@code call} on non-null boxed argument values (and its constants). */
    static Object invoke(Ir.Call call, Object[] values) {
        Object[] all = values;
        if (call.consts().length > 0) {
            all = Arrays.copyOf(values, values.length + call.consts().length);
            System.arraycopy(call.consts(), 0, all, values.length, call.consts().length);
        }
        try {
            return call.target().invoke(null, all);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
