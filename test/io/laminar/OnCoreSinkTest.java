package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.connector.ConnectorFactory;
import io.laminar.connector.Connectors;
import io.laminar.connector.Options;
import io.laminar.connector.SinkConnector;
import io.laminar.data.Batch;
import io.laminar.data.Schema;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Sinks that ask to write on the producing core ({@code SinkConnector.writesOnProducingCore}, e.g. BLACKHOLE) get every
 * row there, without a copy or a hop to the delivery thread, and are flushed and closed like any sink; where a stream
 * has several producing cores they fall back to the delivery thread.
 */
class OnCoreSinkTest {
    /** Per sink name: rows written, threads seen, whether flush and close ran. */
    static final Map<String, AtomicLong> rows = new ConcurrentHashMap<>();
    static final Map<String, Set<String>> threads = new ConcurrentHashMap<>();
    static final Set<String> closed = ConcurrentHashMap.newKeySet();
    static final Set<String> watermarks = ConcurrentHashMap.newKeySet();

    static {
        Connectors.register(new ConnectorFactory() {
            @Override public String name() { return "COUNTING"; }
            @Override public Set<String> optionKeys() { return Set.of("on_core", "concurrent"); }

            @Override public SinkConnector createSink(String sinkName, Schema schema, boolean updating, Options options,
                                                      Path workDir) {
                boolean onCore = options.get("on_core", "false").equals("true");
                boolean concurrent = options.get("concurrent", "false").equals("true");
                rows.put(sinkName, new AtomicLong());
                threads.put(sinkName, ConcurrentHashMap.newKeySet());
                return new SinkConnector() {
                    @Override public void write(Batch batch) {
                        rows.get(sinkName).addAndGet(batch.size);
                        threads.get(sinkName).add(Thread.currentThread().getName());
                    }
                    @Override public boolean writesOnProducingCore() { return onCore; }
                    @Override public boolean writesConcurrently() { return concurrent; }
                    @Override public void onWatermark(long w) { watermarks.add(sinkName); }
                    @Override public void flush() {}
                    @Override public void close() { closed.add(sinkName); }
                };
            }
        });
    }

    @Test void anOnCoreSinkGetsEveryRowOffTheDeliveryThreadAndIsClosedWithTheDatabase() {
        try (Laminar db = Laminar.open(new Config().cores(2))) {
            db.executeAll("""
                    CREATE SOURCE ev (n BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
                    CREATE STREAM doubled AS SELECT n * 2 AS d FROM ev WHERE n % 3 <> 0;
                    CREATE STREAM per_key AS SELECT n % 10 AS k, COUNT(*) AS c FROM ev GROUP BY n % 10;
                    CREATE SINK fast FROM doubled INTO COUNTING (on_core = 'true');
                    CREATE SINK plain FROM doubled INTO COUNTING (on_core = 'false');
                    CREATE SINK spread FROM per_key INTO COUNTING (on_core = 'true');
                    CREATE SINK spread_concurrent FROM per_key INTO COUNTING (on_core = 'true', concurrent = 'true');
                    CREATE SINK dropped FROM doubled INTO BLACKHOLE;
                    """);
            try (SourceWriter w = db.writer("ev")) {
                for (int i = 0; i < 30_000; i++) {
                    w.row().setLong(0, i).setLong(1, i).commit();
                    if (i % 100 == 99) w.flush();
                }
            }
            db.awaitIdle();
            assertEquals(20_000, rows.get("fast").get());
            assertEquals(20_000, rows.get("plain").get());
            assertFalse(threads.get("fast").contains("laminar-delivery"), "written on the producing core: " + threads.get("fast"));
            assertEquals(Set.of("laminar-delivery"), threads.get("plain"));
            // per_key is produced by both cores (rows are routed by key): the sink is served by the delivery thread
            assertEquals(Set.of("laminar-delivery"), threads.get("spread"));
            assertTrue(rows.get("spread").get() >= 10, "an updating stream's changes reach the sink");
            // a sink that may be written concurrently is written by each producing core, and gets no watermarks there
            assertEquals(rows.get("spread").get(), rows.get("spread_concurrent").get());
            assertFalse(threads.get("spread_concurrent").contains("laminar-delivery"), threads.get("spread_concurrent").toString());
            assertFalse(watermarks.contains("spread_concurrent"));
            assertTrue(watermarks.containsAll(Set.of("fast", "plain", "spread")), "others get watermarks: " + watermarks);
            assertEquals("SINK", db.database().objects().get("dropped"), "BLACKHOLE is a sink like any other");
            db.execute("DROP SINK fast"); // an on-core sink is closed once no core can still be writing to it
            assertTrue(closed.contains("fast"));
            try (SourceWriter w = db.writer("ev")) {
                w.row().setLong(0, 1).setLong(1, 30_001).commit();
            }
            db.awaitIdle();
            assertEquals(20_000, rows.get("fast").get(), "no write after the drop");
            assertEquals(20_001, rows.get("plain").get());
        }
        assertTrue(closed.containsAll(Set.of("fast", "plain", "spread", "spread_concurrent")),
                "every sink closed with the database: " + closed);
    }

    @Test void blackholeTakesNoOptions() {
        try (Laminar db = Laminar.open(new Config().cores(1))) {
            db.executeAll("CREATE SOURCE ev (n BIGINT); CREATE STREAM s AS SELECT n FROM ev");
            LaminarException e = assertThrows(LaminarException.class,
                    () -> db.execute("CREATE SINK x FROM s INTO BLACKHOLE (path = '/tmp/x')"));
            assertTrue(e.getMessage().contains("path"), e.getMessage());
        }
    }
}
