package io.laminar.function;

import clojure.lang.IFn;
import io.laminar.data.ColumnType;
import java.util.List;

/**
 * A registered scalar function: its SQL name, signature, slot and implementation (any {@link IFn}: a Clojure
 * function, or a Java lambda adapted by {@link FunctionRegistry#registerScalar(String, ColumnType, List, Fn)}).
 */
public record ScalarFunction(String name, List<ColumnType> params, ColumnType result, int slot, IFn fn) {
    /** The signature as SQL, for messages: {@code score(BIGINT, DOUBLE) -> DOUBLE}. */
    public String signature() {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < params.size(); i++) sb.append(i == 0 ? "" : ", ").append(params.get(i).sqlName());
        return sb.append(") -> ").append(result.sqlName()).toString();
    }
}
