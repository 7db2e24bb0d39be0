package io.laminar.function;

import clojure.lang.IFn;
import io.laminar.data.ColumnType;
import java.util.List;

/**
 * A registered table function (UDTF): called with one row's arguments, it returns the rows that row expands to —
 * any {@link Iterable} (a Clojure sequence, a Java list) of rows, each an {@code Object[]}, a {@link List} (by
 * position) or a {@link java.util.Map} (by column name, string or keyword keys). NULL is no rows. Used in SQL as
 * {@code CROSS JOIN LATERAL TABLE(f(x)) AS t(a, b)} or {@code LEFT JOIN LATERAL TABLE(f(x)) AS t(a, b) ON TRUE}.
 */
public record TableFunction(String name, List<ColumnType> params, List<String> columns, List<ColumnType> columnTypes,
                            IFn fn) {
    /** {@code split(VARCHAR) -> (word VARCHAR, pos BIGINT) [table]} */
    public String signature() {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < params.size(); i++) sb.append(i == 0 ? "" : ", ").append(params.get(i).sqlName());
        sb.append(") -> (");
        for (int i = 0; i < columns.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(columns.get(i)).append(' ').append(columnTypes.get(i).sqlName());
        }
        return sb.append(") [table]").toString();
    }
}
