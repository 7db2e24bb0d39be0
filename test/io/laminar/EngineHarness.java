package io.laminar;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test support: a database, subscriptions that collect rows as text, and helpers to write rows and compare results
 * as sorted multisets (output order across cores is not defined; contents are).
 */
final class EngineHarness implements AutoCloseable {
    final Laminar db;
    private final Map<String, List<String>> collected = new TreeMap<>();

    EngineHarness(int cores, String script) {
        db = Laminar.open(new Config().cores(cores));
        if (script != null) db.execute(script);
    }

    EngineHarness collect(String... streams) {
        for (String s : streams) {
            List<String> rows = Collections.synchronizedList(new ArrayList<>());
            collected.put(s, rows);
            db.subscribe(s, b -> {
                for (int r = 0; r < b.size(); r++) rows.add(render(b, r));
            });
        }
        return this;
    }

    static String render(ResultBatch b, int r) {
        StringBuilder sb = new StringBuilder();
        if (b.isUpdating()) sb.append(b.rowKind(r)).append(' ');
        Object[] row = b.row(r);
        for (int i = 0; i < row.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(value(row[i]));
        }
        return sb.toString();
    }

    static String value(Object v) {
        if (v instanceof Instant t) {
            String s = io.laminar.data.Values.formatTimestamp(t.toEpochMilli()).replace("T", " ").replace(".000", "");
            return s.endsWith(":00") ? s.substring(0, s.length() - 3) : s;
        }
        if (v instanceof BigDecimal d) return d.toPlainString();
        return String.valueOf(v);
    }

    /** Writes rows given positionally, then finishes the source (final watermark) unless told otherwise. */
    EngineHarness write(String source, boolean finish, Object[]... rows) {
        SourceWriter w = db.writer(source);
        for (Object[] r : rows) w.write(r);
        if (finish) w.finish();
        else w.flush();
        return this;
    }

    List<String> rows(String stream) {
        db.awaitIdle();
        List<String> r = new ArrayList<>(collected.get(stream));
        return r;
    }

    List<String> sorted(String stream) {
        List<String> r = rows(stream);
        Collections.sort(r);
        return r;
    }

    static List<String> sortedOf(String... rows) {
        List<String> r = new ArrayList<>(List.of(rows));
        Collections.sort(r);
        return r;
    }

    @Override public void close() {
        db.close();
    }
}
