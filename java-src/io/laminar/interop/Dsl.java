package io.laminar.interop;

import clojure.java.api.Clojure;
import clojure.lang.IFn;
import java.util.List;
import java.util.Map;

/**
 * {@code laminar.core} as static handles. Maps are Clojure maps; write them as EDN with {@link #edn(String)}.
 * Rows come back as maps with keyword keys; {@link #plain(Object)} turns them into {@code Map<String, Object>}.
 *
 * <pre>{@code
 * Object db = Dsl.OPEN.invoke();
 * Dsl.CREATE.invoke(db, Dsl.edn("""
 *     {:source/name :bids :source/columns [[:auction :bigint] [:price :bigint] [:ts :timestamp]]
 *      :source/watermark {:column :ts :delay [1 :seconds]}}"""));
 * Dsl.CREATE.invoke(db, Dsl.edn("{:view/name :totals :from :bids :group-by [:auction]"
 *                               + " :select {:auction :auction :total [:sum :price]}}"));
 * Dsl.INSERT.invoke(db, Dsl.edn(":bids"), List.of(Map.of("auction", 1L, "price", 5L, "ts", "2026-01-01T00:00:00")));
 * Dsl.AWAIT_IDLE.invoke(db);
 * Dsl.plain(Dsl.QUERY.invoke(db, "SELECT * FROM totals"));   // [{auction=1, total=5}]
 * Dsl.CLOSE.invoke(db);
 * }</pre>
 */
public final class Dsl {
    private static final IFn REQUIRE = Clojure.var("clojure.core", "require");

    static {
        REQUIRE.invoke(Clojure.read("laminar.core"));
        REQUIRE.invoke(Clojure.read("laminar.error"));
    }

    /** {@code (open)} / {@code (open opts)}: a database handle (also {@link java.io.Closeable}). */
    public static final IFn OPEN = Clojure.var("laminar.core", "open");
    public static final IFn CLOSE = Clojure.var("laminar.core", "close");
    /** {@code (create! db map-or-sql)}. */
    public static final IFn CREATE = Clojure.var("laminar.core", "create!");
    /** {@code (drop! db name)} / {@code (drop! db name opts)}. */
    public static final IFn DROP = Clojure.var("laminar.core", "drop!");
    /** {@code (insert! db source rows)}: one map, a list of maps (String or keyword keys), or an Arrow batch. */
    public static final IFn INSERT = Clojure.var("laminar.core", "insert!");
    public static final IFn WATERMARK = Clojure.var("laminar.core", "watermark!");
    public static final IFn FINISH = Clojure.var("laminar.core", "finish!");
    public static final IFn AWAIT_IDLE = Clojure.var("laminar.core", "await-idle");
    /** {@code (subscribe db stream f)}: f receives a vector of row maps per batch. */
    public static final IFn SUBSCRIBE = Clojure.var("laminar.core", "subscribe");
    public static final IFn QUERY = Clojure.var("laminar.core", "query");
    public static final IFn EXPLAIN = Clojure.var("laminar.core", "explain");
    public static final IFn TO_SQL = Clojure.var("laminar.core", "->sql");
    public static final IFn DESCRIBE = Clojure.var("laminar.core", "describe");
    public static final IFn METRICS = Clojure.var("laminar.core", "metrics");
    /** {@code (explain e)}: an error rendered for a person. */
    public static final IFn EXPLAIN_ERROR = Clojure.var("laminar.error", "explain");

    private static final IFn READ_EDN = Clojure.var("clojure.edn", "read-string");
    private static final IFn STRINGIFY = Clojure.var("clojure.walk", "stringify-keys");

    static {
        REQUIRE.invoke(Clojure.read("clojure.walk"));
    }

    private Dsl() {}

    /** Reads EDN text: a map, a keyword, a vector. */
    public static Object edn(String text) {
        return READ_EDN.invoke(text);
    }

    /**
     * Clojure data → Java-friendly data: keyword keys become strings ({@code :window-end} → {@code "window-end"},
     * {@code :laminar/op} → {@code "op"}), recursively.
     */
    @SuppressWarnings("unchecked")
    public static <T> T plain(Object clojureData) {
        return (T) STRINGIFY.invoke(clojureData);
    }

    /** The rows of {@link #QUERY} as plain maps. */
    public static List<Map<String, Object>> query(Object db, String sqlOrEdn) {
        Object q = sqlOrEdn.trim().startsWith("{") ? edn(sqlOrEdn) : sqlOrEdn;
        return plain(QUERY.invoke(db, q));
    }
}
