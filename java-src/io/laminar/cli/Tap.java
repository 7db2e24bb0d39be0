package io.laminar.cli;

import io.laminar.connector.ConnectorFactory;
import io.laminar.connector.Connectors;
import io.laminar.connector.Options;
import io.laminar.connector.SinkConnector;
import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import io.laminar.data.Schema;
import io.laminar.data.Values;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A sink that turns each row of a stream into a line of text ({@code hot +I {auction=7, bids=3}}) and hands it to the
 * {@link Consumer} registered under its {@code id} option. Until {@link #arm} decides whether the lines are wanted,
 * they are buffered, so nothing produced before the decision is lost.
 */
final class Tap implements SinkConnector {
    static final String CONNECTOR = "CLI_TAP";
    private static final Map<String, Tap> TAPS = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();

    static {
        Connectors.register(new Factory());
    }

    private final String id;
    private final String stream;
    private final Schema schema;
    private final List<String> pending = new ArrayList<>();
    private Consumer<String> out;   // guarded by this; null until armed
    private boolean armed;

    private Tap(String id, String stream, Schema schema) {
        this.id = id;
        this.stream = stream;
        this.schema = schema;
    }

    /** A tap to be created on {@code stream} by the statement {@code sql}. */
    record Spec(String id, String stream, String sql) {}

    /** A fresh id and the statement that creates a tap with it on {@code stream}. */
    static Spec on(String stream) {
        String id = "t" + IDS.incrementAndGet();
        String sql = "CREATE SINK \"_tap_" + id + "\" FROM \"" + stream.replace("\"", "\"\"") + "\" INTO " + CONNECTOR
                + " (id = '" + id + "', stream = '" + stream.replace("'", "''") + "')";
        return new Spec(id, stream, sql);
    }

    /** The tap created with {@code id}, or null if its statement did not run. */
    static Tap forId(String id) { return TAPS.get(id); }

    static boolean isTapName(String object) { return object.startsWith("_tap_"); }

    /** Sends buffered and future lines to {@code sink}, or discards them when it is null. */
    synchronized void arm(Consumer<String> sink) {
        armed = true;
        out = sink;
        if (sink != null) pending.forEach(sink);
        pending.clear();
    }

    @Override public synchronized void write(Batch batch) {
        if (armed && out == null) return;
        for (int r = 0; r < batch.size; r++) {
            StringBuilder sb = new StringBuilder(stream).append(' ').append(RowKind.shortString(batch.ops[r])).append(" {");
            for (int c = 0; c < batch.columnCount(); c++) {
                if (c > 0) sb.append(", ");
                sb.append(schema.field(c).name()).append('=').append(render(batch.value(c, r)));
            }
            String line = sb.append('}').toString();
            if (armed) out.accept(line);
            else pending.add(line);
        }
    }

    static String render(Object v) {
        if (v == null) return "NULL";
        if (v instanceof Instant i) return Values.formatTimestamp(i.toEpochMilli());
        if (v instanceof java.math.BigDecimal d) return d.toPlainString();
        return v.toString();
    }

    @Override public void flush() {}

    @Override public void close() { TAPS.remove(id, this); }

    private static final class Factory implements ConnectorFactory {
        @Override public String name() { return CONNECTOR; }

        @Override public Set<String> optionKeys() { return Set.of("id", "stream"); }

        @Override public SinkConnector createSink(String sinkName, Schema schema, boolean updating, Options options,
                                                  Path workDir) {
            Tap tap = new Tap(options.required("id"), options.required("stream"), schema);
            TAPS.put(tap.id, tap);
            return tap;
        }
    }
}
