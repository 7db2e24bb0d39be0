package io.laminar.function;

import clojure.lang.ArraySeq;
import clojure.lang.Keyword;
import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import io.laminar.data.Batch;
import io.laminar.data.Schema;
import io.laminar.exec.ExecStage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The stateless stage of {@code JOIN LATERAL TABLE(f(...))}: for each input row, calls the table function with the
 * row's arguments (computed by a compiled kernel, {@code args}) and appends one output row per returned row — the
 * input columns followed by the function's columns — with the input row's kind, so a changelog stays a changelog.
 * With {@code outer} (LEFT JOIN ... ON TRUE) a row the function expands to nothing is kept once, padded with NULLs.
 * A NULL argument expands to no rows (user functions are strict). Values cross into user code boxed, as for every
 * user function. One instance per core; not thread-safe.
 */
public final class TableFunctionStage implements ExecStage {
    private final TableFunction function;
    private final ExecStage args;
    private final boolean outer;
    private final int width;
    private final Batch out;
    /** The function's columns, their types, and their names as Clojure keywords (:word_count and :word-count). */
    private final List<String> columns;
    private final List<io.laminar.data.ColumnType> types;
    private final Keyword[] keys;
    private final Keyword[] dashedKeys;

    /**
     * @param args   computes the call's arguments from an input row (one output row per input row, no filter)
     * @param output the input columns followed by the function's columns
     */
    public TableFunctionStage(TableFunction function, ExecStage args, boolean outer, Schema output) {
        this.function = function;
        this.args = args;
        this.outer = outer;
        this.width = output.size() - function.columns().size();
        this.out = new Batch(output, 1024);
        this.columns = List.copyOf(function.columns());
        this.types = List.copyOf(function.columnTypes());
        this.keys = new Keyword[columns.size()];
        this.dashedKeys = new Keyword[columns.size()];
        for (int c = 0; c < keys.length; c++) {
            keys[c] = Keyword.intern(columns.get(c));
            dashedKeys[c] = Keyword.intern(columns.get(c).replace('_', '-'));
        }
    }

    @Override public Batch run(Batch in) {
        out.clear();
        Batch a = args.run(in);
        int arity = a.columnCount();
        for (int r = 0; r < in.size; r++) {
            Object[] values = new Object[arity];
            boolean anyNull = false;
            for (int c = 0; c < arity; c++) {
                values[c] = a.value(c, r);
                anyNull |= values[c] == null;
            }
            int before = out.size;
            if (!anyNull) expand(in, r, values, call(values));
            if (outer && out.size == before) {
                int o = out.addRow(in.ops[r]);
                copyInput(in, r, o);
                for (int c = width; c < out.columnCount(); c++) out.setNull(c, o);
            }
        }
        return out;
    }

    private Object call(Object[] values) {
        try {
            return function.fn().applyTo(ArraySeq.create(values));
        } catch (LaminarException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new LaminarException(ErrorCode.FUNCTION_FAILED, "table function " + function.signature() + " threw "
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + " on arguments " + Arrays.toString(values),
                    Map.of("function", function.name()), e);
        }
    }

    private void expand(Batch in, int r, Object[] values, Object rows) {
        if (rows == null) return;
        if (!(rows instanceof Iterable<?> it)) {
            throw failed("returned " + rows.getClass().getSimpleName() + " " + rows + "; a table function returns a "
                    + "sequence (or any Iterable) of rows", values);
        }
        for (Object row : it) {
            int o = out.addRow(in.ops[r]);
            copyInput(in, r, o);
            for (int c = 0; c < columns.size(); c++) {
                Object v = column(row, c, columns.get(c), values);
                try {
                    out.setValue(width + c, o, v == null ? null : Calls.toUser(types.get(c), v));
                } catch (RuntimeException e) {
                    throw failed("returned " + v + " for column " + columns.get(c) + ", which is "
                            + types.get(c).sqlName() + " (" + e.getMessage() + ")", values);
                }
            }
        }
    }

    private Object column(Object row, int c, String name, Object[] values) {
        int n = columns.size();
        if (row instanceof Object[] arr && arr.length == n) return arr[c];
        if (row instanceof List<?> list && list.size() == n) return list.get(c);
        if (row instanceof Map<?, ?> m) { // "pos", :pos, or :word-count for the column word_count
            if (m.containsKey(name)) return m.get(name);
            return m.containsKey(keys[c]) ? m.get(keys[c]) : m.get(dashedKeys[c]);
        }
        if (n == 1 && !(row instanceof Object[]) && !(row instanceof List<?>)) return row; // one column: the bare value
        throw failed("returned the row " + (row instanceof Object[] arr ? Arrays.toString(arr) : row) + "; each row must "
                + "have " + n + " values " + columns + " (a vector/array/list by position, or a map by name)", values);
    }

    private void copyInput(Batch in, int r, int o) {
        for (int c = 0; c < width; c++) out.copyValue(c, o, in, c, r);
    }

    private LaminarException failed(String what, Object[] values) {
        return new LaminarException(ErrorCode.FUNCTION_FAILED, "table function " + function.signature() + " " + what
                + " (arguments " + Arrays.toString(values) + ")", Map.of("function", function.name()), null);
    }
}
