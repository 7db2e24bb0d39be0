package io.laminar.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clojure.lang.ExceptionInfo;
import clojure.lang.IFn;
import clojure.lang.AFn;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Clojure data-DSL from Java, through the static IFn handles. */
class DslTest {
    @Test
    void mapsFromJava() throws Exception {
        Object db = Dsl.OPEN.invoke(Dsl.edn("{:cores 1}"));
        try (Closeable c = (Closeable) db) {
            Dsl.CREATE.invoke(db, Dsl.edn("""
                    {:source/name :bids :source/columns [[:auction :bigint] [:price :bigint] [:ts :timestamp]]
                     :source/watermark {:column :ts :delay [1 :seconds]}}"""));
            Dsl.CREATE.invoke(db, Dsl.edn("""
                    {:view/name :totals :from :bids :group-by [:auction]
                     :select {:auction :auction :total [:sum :price]}}"""));
            List<Object> seen = new ArrayList<>();
            IFn listener = new AFn() {
                @Override public Object invoke(Object rows) {
                    synchronized (seen) { seen.addAll((List<?>) rows); }
                    return null;
                }
            };
            Dsl.SUBSCRIBE.invoke(db, Dsl.edn(":totals"), listener);
            Dsl.INSERT.invoke(db, "bids", List.of(Map.of("auction", 1L, "price", 5L, "ts", "2026-01-01T00:00:00"),
                    Map.of("auction", 1L, "price", 7L, "ts", "2026-01-01T00:00:01")));
            Dsl.AWAIT_IDLE.invoke(db);
            assertEquals(List.of(Map.of("auction", 1L, "total", 12L)), Dsl.query(db, "SELECT * FROM totals"));
            assertEquals(List.of(Map.of("total", 12L)), Dsl.query(db, "{:select [:total] :from :totals}"));
            synchronized (seen) {
                assertEquals(3, seen.size()); // +I 5, -U 5, +U 12
                Map<String, Object> last = Dsl.plain(seen.get(2));
                assertEquals(12L, last.get("total"));
                assertEquals("update-after", ((clojure.lang.Keyword) ((Map<?, ?>) seen.get(2)).get(Dsl.edn(":laminar/op"))).getName());
            }
            String sql = (String) Dsl.TO_SQL.invoke(Dsl.edn("{:stream/name :big :from :bids :where [:> :price 100] :select [:auction]}"));
            assertEquals("CREATE STREAM big AS SELECT auction FROM bids WHERE price > 100", sql);
        }
    }

    @Test
    void errorsAreDataAndRenderForPeople() {
        ExceptionInfo e = assertThrows(ExceptionInfo.class, () -> Dsl.TO_SQL.invoke(Dsl.edn(
                "{:stream/name :s :from :bids :select [:*] :window {:window/type :tumble :window/time :ts :window/sise [1 :seconds]}}")));
        assertEquals("LDB-6001", e.getData().valAt(Dsl.edn(":laminar/code")));
        String text = (String) Dsl.EXPLAIN_ERROR.invoke(e);
        assertTrue(text.contains("did you mean :window/size?"), text);
    }
}
