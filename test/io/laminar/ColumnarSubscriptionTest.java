package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.data.Batch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Columnar subscriptions (a lent batch per call, on the delivery thread or on the producing core) and the
 * allocation-free row builder of {@link SourceWriter#row()}: what arrives, on which thread, and what is refused.
 */
class ColumnarSubscriptionTest {
    private static final String SOURCE = "CREATE SOURCE ev (seq BIGINT NOT NULL, price BIGINT, ts TIMESTAMP(3), "
            + "WATERMARK FOR ts AS ts)";

    /** Copies (seq, doubled) out of each lent batch, and the threads it was called on. */
    private static final class Collector implements Subscription.BatchListener {
        final List<long[]> rows = Collections.synchronizedList(new ArrayList<>());
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override public void onBatch(Batch b) {
            threads.add(Thread.currentThread().getName());
            int seq = b.schema.indexOf("seq"), doubled = b.schema.indexOf("doubled");
            for (int r = 0; r < b.size; r++) rows.add(new long[] {b.longs[seq][r], b.longs[doubled][r]});
        }
    }

    private static void writeRows(Laminar db, int from, int to) {
        try (SourceWriter w = db.writer("ev")) {
            for (int i = from; i < to; i++) {
                w.row().setLong(0, i).setLong(1, i * 10L).setLong(2, 1_000L * i).commit();
                if (i % 7 == 0) w.flush(); // many small batches: lent batches are recycled between them
            }
        }
        db.awaitIdle();
    }

    private static void assertRows(Collector c, int from, int to) {
        assertEquals(to - from, c.rows.size());
        for (int i = from; i < to; i++) {
            assertEquals(i, c.rows.get(i - from)[0]);
            assertEquals(i * 20L, c.rows.get(i - from)[1]);
        }
    }

    /** The source, a stateless stream {@code out} over it and a CORE_THREAD subscription collecting into {@code c}. */
    private static Subscription subscribeOnCore(Laminar db, Collector c) {
        db.execute(SOURCE);
        db.execute("CREATE STREAM out AS SELECT seq, price * 2 AS doubled FROM ev WHERE price >= 0");
        return db.subscribe("out", c, Subscription.Dispatch.CORE_THREAD);
    }

    @Test
    void coreThreadSubscriptionReadsTheCoresBatchOnTheCore() {
        try (Laminar db = Laminar.open(new Config().cores(2).inlineExecution(false))) {
            Collector c = new Collector();
            Subscription s = subscribeOnCore(db, c);
            assertEquals(Subscription.Dispatch.CORE_THREAD, s.dispatch());
            writeRows(db, 0, 500);
            assertRows(c, 0, 500);
            assertEquals(1, c.threads.size(), c.threads.toString());
            assertTrue(c.threads.iterator().next().startsWith("laminar-core-"), c.threads.toString());
            assertEquals(500, s.rowsDelivered());
            s.close();
            writeRows(db, 500, 510);
            assertEquals(500, c.rows.size(), "nothing arrives after close");
        }
    }

    /** Inline execution: the writer ran the core's work, so the rows were delivered on its thread before write returned. */
    @Test
    void coreThreadSubscriptionRunsOnTheWriterThatRanTheCoreInline() {
        try (Laminar db = Laminar.open(new Config().cores(1))) {
            Collector c = new Collector();
            subscribeOnCore(db, c);
            writeRows(db, 0, 500);
            assertRows(c, 0, 500);
            Set<String> allowed = Set.of(Thread.currentThread().getName(), "laminar-core-0");
            assertTrue(allowed.containsAll(c.threads), c.threads.toString());
            assertTrue(c.threads.contains(Thread.currentThread().getName()), "an idle core's work ran on the writer: " + c.threads);
        }
    }

    @Test
    void deliveryThreadSubscriptionGetsEveryRowThroughRecycledBatches() {
        try (Laminar db = Laminar.open(new Config().cores(2))) {
            db.execute(SOURCE);
            db.execute("CREATE STREAM out AS SELECT seq, price * 2 AS doubled FROM ev");
            Collector c = new Collector();
            Subscription s = db.subscribe("out", c, Subscription.Dispatch.DELIVERY_THREAD);
            assertEquals(Subscription.Dispatch.DELIVERY_THREAD, s.dispatch());
            writeRows(db, 0, 3_000);
            assertRows(c, 0, 3_000);
            assertEquals(Set.of("laminar-delivery"), c.threads);
        }
    }

    @Test
    void aStreamProducedOnSeveralCoresFallsBackToTheDeliveryThread() {
        try (Laminar db = Laminar.open(new Config().cores(2))) {
            db.execute(SOURCE);
            db.execute("CREATE STREAM counts AS SELECT seq, COUNT(*) AS n FROM ev GROUP BY seq");
            List<String> threads = Collections.synchronizedList(new ArrayList<>());
            Subscription s = db.subscribe("counts", b -> threads.add(Thread.currentThread().getName()),
                    Subscription.Dispatch.CORE_THREAD);
            assertEquals(Subscription.Dispatch.DELIVERY_THREAD, s.dispatch());
            assertTrue(s.isUpdating());
            try (SourceWriter w = db.writer("ev")) {
                w.row().setLong(0, 1).setLong(2, 5_000L).commit();
            }
            db.awaitIdle();
            assertTrue(!threads.isEmpty() && threads.stream().allMatch("laminar-delivery"::equals), threads.toString());
        }
    }

    @Test
    void aFailingListenerIsCountedAndTheFeedGoesOn() {
        try (Laminar db = Laminar.open(new Config().cores(1))) {
            db.execute(SOURCE);
            db.execute("CREATE STREAM out AS SELECT seq, price * 2 AS doubled FROM ev");
            Subscription s = db.subscribe("out", b -> { throw new IllegalStateException("boom"); },
                    Subscription.Dispatch.CORE_THREAD);
            Collector c = new Collector();
            db.subscribe("out", c, Subscription.Dispatch.CORE_THREAD);
            writeRows(db, 0, 20);
            assertRows(c, 0, 20);
            assertTrue(s.listenerErrors() > 0);
            assertEquals("boom", s.lastListenerError().getMessage());
        }
    }

    @Test
    void rowBuilderChecksTypesAndNotNullAndLeavesUnsetColumnsNull() {
        try (Laminar db = Laminar.open(new Config().cores(1))) {
            db.execute(SOURCE);
            db.execute("CREATE STREAM out AS SELECT seq, price FROM ev");
            List<Object[]> got = Collections.synchronizedList(new ArrayList<>());
            db.subscribe("out", b -> { for (int r = 0; r < b.size(); r++) got.add(b.row(r)); });
            try (SourceWriter w = db.writer("ev")) {
                LaminarException wrong = assertThrows(LaminarException.class, () -> w.row().setDouble(1, 1.5));
                assertEquals(ErrorCode.WRONG_TYPE, wrong.code());
                assertTrue(wrong.getMessage().contains("price") && wrong.getMessage().contains("setLong"), wrong.getMessage());
                LaminarException missing = assertThrows(LaminarException.class, () -> w.row().setLong(1, 5).commit());
                assertEquals(ErrorCode.MISSING_COLUMN, missing.code());
                assertTrue(missing.getMessage().contains("seq"), missing.getMessage());
                assertThrows(LaminarException.class, () -> w.row().setLong(9, 1));
                try (Laminar narrow = Laminar.open(new Config().cores(1))) { // the width checks write(Object...) makes
                    narrow.execute("CREATE SOURCE n (i INTEGER, b BOOLEAN)");
                    try (SourceWriter nw = narrow.writer("n")) {
                        LaminarException range = assertThrows(LaminarException.class, () -> nw.row().setLong(0, 1L << 40));
                        assertTrue(range.getMessage().contains("out of its range"), range.getMessage());
                        assertThrows(LaminarException.class, () -> nw.row().setLong(1, 2));
                    }
                }
                w.row().setLong(0, 7).setLong(2, 1_000L).commit(); // price unset: NULL
                w.row().setLong(0, 8).set(1, 80L).set(2, java.time.Instant.ofEpochMilli(2_000L)).commit();
            }
            db.awaitIdle();
            assertEquals(2, got.size());
            assertEquals(7L, got.get(0)[0]);
            assertEquals(null, got.get(0)[1]);
            assertEquals(80L, got.get(1)[1]);
        }
    }
}
