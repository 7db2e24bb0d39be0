package io.laminar;

import io.laminar.engine.Database;
import io.laminar.exec.Node;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An embedded streaming SQL database. Open it in your process, declare sources and streams in SQL, push events in
 * (or let connectors pull them), and receive event-time-correct results as they are produced.
 *
 * <pre>{@code
 * try (Laminar db = Laminar.open()) {
 *     db.execute("""
 *         CREATE SOURCE bids (auction BIGINT, price BIGINT, ts TIMESTAMP(3),
 *                             WATERMARK FOR ts AS ts - INTERVAL '4' SECOND);
 *         CREATE STREAM per_10s AS
 *           SELECT auction, window_end, COUNT(*) AS bids
 *           FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND))
 *           GROUP BY auction, window_start, window_end""");
 *     db.subscribe("per_10s", batch -> System.out.println(batch.toMaps()));
 *     try (SourceWriter w = db.writer("bids")) {
 *         w.write(Map.of("auction", 1L, "price", 120L, "ts", "2026-01-01T00:00:01"));
 *     }
 * }
 * }</pre>
 *
 * Thread-safety: every method may be called from any thread. {@link #close()} releases every thread, file and
 * native handle.
 */
public final class Laminar implements AutoCloseable {
    private final Database db;

    private Laminar(Config config) {
        this.db = new Database(config);
    }

    /** An in-memory database with default configuration. */
    public static Laminar open() {
        return new Laminar(new Config());
    }

    public static Laminar open(Config config) {
        return new Laminar(config);
    }

    /**
     * Runs one or more {@code ;}-separated statements and returns the last one's result (see
     * {@link #executeAll(String)} for every result). An error names the failing statement and, for syntax errors, the
     * line and column.
     */
    public QueryResult execute(String sql) {
        List<QueryResult> results = db.execute(sql);
        return results.isEmpty() ? QueryResult.ddl("no statements") : results.get(results.size() - 1);
    }

    /** Runs a script and returns one result per statement. */
    public List<QueryResult> executeAll(String sql) {
        return db.execute(sql);
    }

    /**
     * Starts the connectors of every source a statement reads, for a database opened with
     * {@link Config#autoStartSources(boolean) autoStartSources(false)}; from then on sources start as they are read,
     * as by default. Idempotent.
     */
    public void startSources() {
        db.startSources();
    }

    /** A writer that pushes rows into a MEMORY source. */
    public SourceWriter writer(String source) {
        return new SourceWriter(source, db.sourceForWriting(source));
    }

    /** Calls {@code listener} on Laminar's delivery thread with each batch {@code stream} produces. */
    public Subscription subscribe(String stream, Consumer<ResultBatch> listener) {
        return subscribe(stream, listener, true);
    }

    /**
     * A columnar subscription: {@code listener} reads each output batch of {@code stream} in place, lent for the
     * duration of the call (copy what you keep), so delivery allocates nothing per batch. With
     * {@link Subscription.Dispatch#CORE_THREAD} it runs on the producing core right after the rows are produced —
     * no copy, no thread hop, the lowest latency — when the stream has one producing core; see
     * {@link Subscription#dispatch()} for what was granted.
     */
    public Subscription subscribe(String stream, Subscription.BatchListener listener, Subscription.Dispatch dispatch) {
        if (listener == null || dispatch == null) {
            throw new LaminarException(ErrorCode.VALIDATION, "subscribe to " + stream + " needs a listener and a dispatch "
                    + "(Subscription.Dispatch.DELIVERY_THREAD or CORE_THREAD)");
        }
        Subscription s = new Subscription(stream, listener, dispatch);
        Node node = db.subscribe(stream, s.consumer);
        s.bind(node.name, node.updating, io.laminar.exec.Dataflow.deliversOnCore(node, s.consumer)
                ? Subscription.Dispatch.CORE_THREAD : Subscription.Dispatch.DELIVERY_THREAD);
        s.onClose(() -> db.unsubscribe(node.name, s.consumer));
        return s;
    }

    /** A pull subscription: take batches with {@link Subscription#poll}. */
    public Subscription subscribe(String stream) {
        return subscribe(stream, null, false);
    }

    private Subscription subscribe(String stream, Consumer<ResultBatch> listener, boolean push) {
        if (push && listener == null) throw new LaminarException(ErrorCode.VALIDATION, "subscribe needs a listener");
        Subscription[] holder = new Subscription[1];
        io.laminar.exec.Delivery.Consumer consumer = new io.laminar.exec.Delivery.Consumer() {
            @Override public void onBatch(io.laminar.data.Batch batch) { holder[0].consumer.onBatch(batch); }
            @Override public void onWatermark(long w) { holder[0].consumer.onWatermark(w); }
        };
        Node node = db.subscribe(stream, consumer);
        Subscription s = new Subscription(node.name, node.updating, listener);
        holder[0] = s;
        // closing the subscription detaches it from the stream (before, close() left the listener attached)
        s.onClose(() -> db.unsubscribe(node.name, consumer));
        return s;
    }

    /** Runs an ad-hoc {@code SELECT} over materialized views and tables. */
    public QueryResult query(String select) {
        return db.query(select);
    }

    /** The physical plan of a query or CREATE statement (what {@code EXPLAIN} prints). */
    public String explain(String statement) {
        return db.explain(statement);
    }

    /**
     * Waits until every row written and flushed so far has been processed and delivered to subscribers, sinks and
     * views. Useful in tests and scripts; a live system never needs it.
     */
    public Laminar awaitIdle() {
        db.awaitIdle();
        return this;
    }

    /**
     * Takes a checkpoint now (a database with a directory): state, source positions and sink output up to this
     * moment become the point recovery resumes from. Returns the checkpoint's id. Same as the SQL {@code CHECKPOINT}.
     */
    public long checkpoint() {
        return db.checkpoint();
    }

    /** Rolls the database back to checkpoint {@code id} (SQL {@code RESTORE FROM CHECKPOINT id}). */
    public Laminar restore(long id) {
        db.restore(id);
        return this;
    }

    /** What opening the directory had to repair or skip (torn WAL tails, unusable checkpoints); empty when clean. */
    public List<String> recoveryReport() {
        return db.recoveryReport();
    }

    /** Counters per object: rows in, late rows dropped, dead letters, state size. */
    public Map<String, Map<String, Object>> metrics() {
        return db.metrics();
    }

    /** The engine behind this facade (the CLI and the Clojure layer use it). */
    public Database database() { return db; }

    @Override public void close() {
        db.close();
    }
}
