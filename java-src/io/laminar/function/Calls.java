package io.laminar.function;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import io.laminar.data.ColumnType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;

/**
 * The entry points compiled kernels (and the interpreter) call for user functions: one per arity, taking the
 * arguments as they are held in a kernel (Long for every integral and temporal value, Double, Boolean, String,
 * BigDecimal) and the function's slot, and returning the result the same way. Conversions to and from the
 * function's declared types happen here, once, for both back ends.
 */
public final class Calls {
    private Calls() {}

    public static Object invoke0(int slot) {
        ScalarFunction f = FunctionRegistry.slot(slot);
        try {
            return result(f, f.fn().invoke());
        } catch (LaminarException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(f, e);
        }
    }

    public static Object invoke1(Object a, int slot) {
        ScalarFunction f = FunctionRegistry.slot(slot);
        try {
            return result(f, f.fn().invoke(arg(f, 0, a)));
        } catch (LaminarException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(f, e, a);
        }
    }

    public static Object invoke2(Object a, Object b, int slot) {
        ScalarFunction f = FunctionRegistry.slot(slot);
        try {
            return result(f, f.fn().invoke(arg(f, 0, a), arg(f, 1, b)));
        } catch (LaminarException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(f, e, a, b);
        }
    }

    public static Object invoke3(Object a, Object b, Object c, int slot) {
        ScalarFunction f = FunctionRegistry.slot(slot);
        try {
            return result(f, f.fn().invoke(arg(f, 0, a), arg(f, 1, b), arg(f, 2, c)));
        } catch (LaminarException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(f, e, a, b, c);
        }
    }

    public static Object invoke4(Object a, Object b, Object c, Object d, int slot) {
        ScalarFunction f = FunctionRegistry.slot(slot);
        try {
            return result(f, f.fn().invoke(arg(f, 0, a), arg(f, 1, b), arg(f, 2, c), arg(f, 3, d)));
        } catch (LaminarException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(f, e, a, b, c, d);
        }
    }

    /** A kernel value as the function's declared parameter type sees it. */
    private static Object arg(ScalarFunction f, int i, Object v) {
        return toUser(f.params().get(i), v);
    }

    /** Kernel/batch representation → the Java value a user function receives. */
    public static Object toUser(ColumnType t, Object v) {
        if (v == null) return null;
        if (t == ColumnType.TIMESTAMP && v instanceof Long ms) return Instant.ofEpochMilli(ms);
        return v;
    }

    private static Object result(ScalarFunction f, Object r) {
        if (r == null) {
            throw new LaminarException(ErrorCode.FUNCTION_FAILED, "function " + f.signature() + " returned nil; a user "
                    + "function returns a value for non-NULL arguments", Map.of("function", f.name()), null);
        }
        return toKernel(f.name(), f.result(), r);
    }

    /** A user function's result → the kernel representation of {@code t}. */
    public static Object toKernel(String function, ColumnType t, Object r) {
        try {
            return switch (t) {
                case BOOLEAN -> (Boolean) r;
                case INTEGER, BIGINT -> ((Number) r).longValue();
                case DOUBLE -> ((Number) r).doubleValue();
                case DECIMAL -> r instanceof BigDecimal d ? d : new BigDecimal(r.toString());
                case VARCHAR -> r instanceof String s ? s : r.toString();
                case TIMESTAMP -> r instanceof Instant i ? i.toEpochMilli() : r instanceof Date d ? d.getTime() : ((Number) r).longValue();
                default -> throw new IllegalStateException("unsupported result type " + t);
            };
        } catch (ClassCastException e) {
            throw new LaminarException(ErrorCode.FUNCTION_FAILED, "function " + function + " returned "
                    + r.getClass().getSimpleName() + " " + r + " where its signature promises " + t.sqlName(),
                    Map.of("function", function), e);
        }
    }

    private static LaminarException failed(ScalarFunction f, RuntimeException e, Object... args) {
        return new LaminarException(ErrorCode.FUNCTION_FAILED, "function " + f.signature() + " threw "
                + e.getClass().getSimpleName() + ": " + e.getMessage() + " on arguments " + Arrays.toString(args),
                Map.of("function", f.name()), e);
    }
}
