package io.laminar.function;

import clojure.lang.IFn;
import io.laminar.data.ColumnType;

/**
 * A registered aggregate: {@code init} () → acc, {@code step} (acc, value) → acc, {@code merge} (acc, acc) → acc,
 * {@code result} (acc) → value of type {@code result}. The argument has type {@code param}.
 */
public record AggregateFunction(String name, ColumnType param, ColumnType result, IFn init, IFn step, IFn merge,
                                IFn finish) {
    public String signature() {
        return name + "(" + param.sqlName() + ") -> " + result.sqlName() + " [aggregate]";
    }
}
