package io.laminar;

import io.laminar.data.Values;
import java.time.Instant;

/** How values render as text for people (shell, demo, QueryResult.format). */
final class Output {
    private Output() {}

    static String render(Object v) {
        if (v == null) return "NULL";
        if (v instanceof Instant i) return Values.formatTimestamp(i.toEpochMilli());
        if (v instanceof java.math.BigDecimal d) return d.toPlainString();
        return v.toString();
    }
}
