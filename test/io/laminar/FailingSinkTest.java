package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.connector.ConnectorFactory;
import io.laminar.connector.Connectors;
import io.laminar.connector.Options;
import io.laminar.connector.SinkConnector;
import io.laminar.data.Batch;
import io.laminar.data.Schema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A sink that fails every write (a full disk, say) must not stall the engine: its batches still go back to their
 * pools, the core producing the stream keeps running, and other consumers of the stream get every row.
 */
class FailingSinkTest {
    static final AtomicLong attempts = new AtomicLong();

    static {
        Connectors.register(new ConnectorFactory() {
            @Override public String name() { return "ALWAYS_FAILING"; }
            @Override public Set<String> optionKeys() { return Set.of(); }

            @Override public SinkConnector createSink(String sinkName, Schema schema, boolean updating, Options options,
                                                      Path workDir) {
                return new SinkConnector() {
                    @Override public void write(Batch batch) { attempts.incrementAndGet(); throw new IllegalStateException("disk full"); }
                    @Override public void flush() {}
                    @Override public void close() {}
                };
            }
        });
    }

    @Test void aSinkThatAlwaysFailsDoesNotStallTheCoreOrOtherConsumers() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (Laminar db = Laminar.open(new Config().cores(1))) {
                db.executeAll("""
                        CREATE SOURCE ev (n BIGINT);
                        CREATE STREAM doubled AS SELECT n * 2 AS d FROM ev;
                        CREATE SINK broken FROM doubled INTO ALWAYS_FAILING;
                        """);
                AtomicLong rows = new AtomicLong();
                AtomicLong deliveries = new AtomicLong();
                db.subscribe("doubled", b -> {
                    rows.addAndGet(b.size);
                    deliveries.incrementAndGet();
                }, Subscription.Dispatch.DELIVERY_THREAD);
                try (SourceWriter w = db.writer("ev")) {
                    for (int i = 0; i < 2_000; i++) { // far more batches than a core's pool of delivery copies
                        w.row().setLong(0, i).commit();
                        if (i % 10 == 9) w.flush();
                    }
                }
                LaminarException failed = assertThrows(LaminarException.class, db::awaitIdle); // the fault is reported
                assertTrue(failed.getMessage().contains("sink broken failed to write: disk full"), failed.getMessage());
                for (int i = 0; i < 400 && rows.get() < 2_000; i++) Thread.sleep(25);
                assertEquals(2_000, rows.get(), "the healthy subscriber got every row");
                // every batch delivered went to both consumers (batches a writer sends faster than they are
                // delivered travel together, so there are fewer of them than flushes)
                assertEquals(deliveries.get(), attempts.get(), "the failing sink was tried for every batch");
                assertTrue(attempts.get() > 1, "the failing sink was tried again after failing: " + attempts.get());
            }
        });
    }
}
