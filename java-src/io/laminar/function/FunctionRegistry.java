package io.laminar.function;

import clojure.lang.AFn;
import clojure.lang.IFn;
import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import io.laminar.data.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JVM-wide registry of user-defined functions (see the package description for the calling convention).
 *
 * <pre>{@code
 * FunctionRegistry.registerScalar("discount", ColumnType.DOUBLE, List.of(ColumnType.BIGINT),
 *         args -> ((Long) args[0]) * 0.9);
 * db.execute("CREATE STREAM cheap AS SELECT auction, discount(price) AS p FROM bids");
 * }</pre>
 */
public final class FunctionRegistry {
    /** The types a function may take and return. */
    public static final Set<ColumnType> SUPPORTED = Set.of(ColumnType.BOOLEAN, ColumnType.INTEGER, ColumnType.BIGINT,
            ColumnType.DOUBLE, ColumnType.DECIMAL, ColumnType.VARCHAR, ColumnType.TIMESTAMP);
    /** Highest number of arguments of a scalar function (the kernels call fixed-arity entry points). */
    public static final int MAX_ARITY = 4;

    private static final Map<String, ScalarFunction> SCALARS = new LinkedHashMap<>();
    private static final Map<String, AggregateFunction> AGGREGATES = new LinkedHashMap<>();
    private static final Map<String, TableFunction> TABLES = new LinkedHashMap<>();
    /** Slot → function, replaced wholesale on every registration so readers need no lock. */
    private static volatile ScalarFunction[] slots = new ScalarFunction[0];

    private FunctionRegistry() {}

    /** A Java implementation of a scalar function: receives the arguments as Java values. */
    @FunctionalInterface
    public interface Fn {
        Object apply(Object[] args);
    }

    private static String key(String name) { return name.toUpperCase(Locale.ROOT); }

    /** A Java implementation of a table function: the rows one call expands to (see {@link TableFunction}). */
    @FunctionalInterface
    public interface TableFn {
        Iterable<?> apply(Object[] args);
    }

    /** Registers (or redefines, with the same signature) a table function implemented by a Java lambda. */
    public static TableFunction registerTable(String name, List<String> columns, List<ColumnType> columnTypes,
                                              List<ColumnType> params, TableFn fn) {
        return registerTable(name, columns, columnTypes, params, adapt(args -> fn.apply(args)));
    }

    /**
     * Registers a table function implemented by a Clojure function (or any IFn) of the parameters, returning a
     * sequence of rows. Re-registering with the same signature replaces the implementation for queries created
     * afterwards; a different signature is a conflict.
     */
    public static synchronized TableFunction registerTable(String name, List<String> columns, List<ColumnType> columnTypes,
                                                           List<ColumnType> params, IFn fn) {
        checkName(name);
        if (params.size() > MAX_ARITY) {
            throw new LaminarException(ErrorCode.FUNCTION_SIGNATURE, "table function " + name + " takes " + params.size()
                    + " arguments; user functions take at most " + MAX_ARITY, Map.of("function", name), null);
        }
        if (columns.isEmpty() || columns.size() != columnTypes.size()) {
            throw new LaminarException(ErrorCode.FUNCTION_SIGNATURE, "table function " + name + " needs one type per "
                    + "column and at least one column; got columns " + columns + " and types " + columnTypes,
                    Map.of("function", name), null);
        }
        for (String c : columns) checkName(c);
        List<ColumnType> all = new ArrayList<>(params);
        all.addAll(columnTypes.subList(1, columnTypes.size()));
        checkTypes(name, columnTypes.get(0), all);
        if (SCALARS.containsKey(key(name))) throw conflict(name, "a scalar function " + SCALARS.get(key(name)).signature());
        if (AGGREGATES.containsKey(key(name))) throw conflict(name, "an aggregate " + AGGREGATES.get(key(name)).signature());
        TableFunction existing = TABLES.get(key(name));
        TableFunction f = new TableFunction(name, List.copyOf(params), List.copyOf(columns), List.copyOf(columnTypes), fn);
        if (existing != null && !existing.signature().equals(f.signature())) throw conflict(name, existing.signature());
        TABLES.put(key(name), f);
        return f;
    }

    private static IFn adapt(FunctionRegistry.Fn fn) {
        return new AFn() {
            @Override public Object invoke() { return fn.apply(new Object[0]); }
            @Override public Object invoke(Object a) { return fn.apply(new Object[] {a}); }
            @Override public Object invoke(Object a, Object b) { return fn.apply(new Object[] {a, b}); }
            @Override public Object invoke(Object a, Object b, Object c) { return fn.apply(new Object[] {a, b, c}); }
            @Override public Object invoke(Object a, Object b, Object c, Object d) { return fn.apply(new Object[] {a, b, c, d}); }
        };
    }

    /** Registers (or redefines, with the same signature) a scalar function implemented by a Java lambda. */
    public static ScalarFunction registerScalar(String name, ColumnType result, List<ColumnType> params, Fn fn) {
        return registerScalar(name, result, params, adapt(fn));
    }

    /**
     * Registers a scalar function implemented by a Clojure function. Re-registering a name with the same signature
     * replaces the implementation everywhere (running queries included); a different signature is a conflict.
     */
    public static synchronized ScalarFunction registerScalar(String name, ColumnType result, List<ColumnType> params, IFn fn) {
        checkName(name);
        if (params.size() > MAX_ARITY) {
            throw new LaminarException(ErrorCode.FUNCTION_SIGNATURE, "function " + name + " takes " + params.size()
                    + " arguments; user functions take at most " + MAX_ARITY + " (pass a row's fields as a string or split the function)",
                    Map.of("function", name), null);
        }
        checkTypes(name, result, params);
        if (TABLES.containsKey(key(name))) throw conflict(name, "a table function " + TABLES.get(key(name)).signature());
        if (AGGREGATES.containsKey(key(name))) {
            throw conflict(name, "an aggregate " + AGGREGATES.get(key(name)).signature());
        }
        ScalarFunction existing = SCALARS.get(key(name));
        int slot;
        if (existing != null) {
            if (!existing.params().equals(params) || existing.result() != result) {
                throw conflict(name, existing.signature());
            }
            slot = existing.slot();
        } else {
            slot = slots.length;
        }
        ScalarFunction f = new ScalarFunction(name, List.copyOf(params), result, slot, fn);
        SCALARS.put(key(name), f);
        ScalarFunction[] next = java.util.Arrays.copyOf(slots, Math.max(slots.length, slot + 1));
        next[slot] = f;
        slots = next;
        return f;
    }

    /** Registers (or redefines, with the same signature) an aggregate function. */
    public static synchronized AggregateFunction registerAggregate(String name, ColumnType param, ColumnType result,
                                                                   IFn init, IFn step, IFn merge, IFn finish) {
        checkName(name);
        checkTypes(name, result, List.of(param));
        if (SCALARS.containsKey(key(name))) throw conflict(name, "a scalar function " + SCALARS.get(key(name)).signature());
        if (TABLES.containsKey(key(name))) throw conflict(name, "a table function " + TABLES.get(key(name)).signature());
        AggregateFunction existing = AGGREGATES.get(key(name));
        if (existing != null && (existing.param() != param || existing.result() != result)) {
            throw conflict(name, existing.signature());
        }
        AggregateFunction f = new AggregateFunction(name, param, result, init, step, merge, finish);
        AGGREGATES.put(key(name), f);
        return f;
    }

    private static LaminarException conflict(String name, String existing) {
        return new LaminarException(ErrorCode.FUNCTION_CONFLICT, "function " + name + " is already registered as "
                + existing + "; register the new one under another name (or restart to change a signature)",
                Map.of("function", name), null);
    }

    private static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new LaminarException(ErrorCode.FUNCTION_SIGNATURE, "'" + name + "' is not a valid function name: "
                    + "use letters, digits and _", Map.of("function", String.valueOf(name)), null);
        }
    }

    private static void checkTypes(String name, ColumnType result, List<ColumnType> params) {
        List<ColumnType> all = new ArrayList<>(params);
        all.add(result);
        for (ColumnType t : all) {
            if (t == null || !SUPPORTED.contains(t)) {
                throw new LaminarException(ErrorCode.FUNCTION_SIGNATURE, "function " + name + ": type " + t
                        + " is not supported for user functions; use one of " + SUPPORTED, Map.of("function", name), null);
            }
        }
    }

    public static synchronized ScalarFunction scalar(String name) { return SCALARS.get(key(name)); }

    public static synchronized AggregateFunction aggregate(String name) { return AGGREGATES.get(key(name)); }

    public static synchronized TableFunction table(String name) { return TABLES.get(key(name)); }

    /** Every registered function's signature, by name. */
    public static synchronized Map<String, String> signatures() {
        Map<String, String> m = new LinkedHashMap<>();
        for (ScalarFunction f : SCALARS.values()) m.put(f.name(), f.signature());
        for (AggregateFunction f : AGGREGATES.values()) m.put(f.name(), f.signature());
        for (TableFunction f : TABLES.values()) m.put(f.name(), f.signature());
        return m;
    }

    static synchronized List<ScalarFunction> scalars() { return List.copyOf(SCALARS.values()); }

    static synchronized List<AggregateFunction> aggregates() { return List.copyOf(AGGREGATES.values()); }

    static synchronized List<TableFunction> tables() { return List.copyOf(TABLES.values()); }

    /** The function in {@code slot} (kernels; lock-free). */
    static ScalarFunction slot(int slot) { return slots[slot]; }
}
