package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A writer that flushes every row hands the delivery thread one-row batches faster than a slow subscriber takes
 * them; batches still waiting are sent on together (rows appended, the newest watermark written into the waiting
 * one). The subscriber must see the same rows, in order, fewer and larger callbacks — and never a row older than a
 * watermark it was already given.
 */
class DeliveryCoalescingTest {
    private static final int ROWS = 20_000;

    @Test void batchesWaitingForASlowSubscriberTravelTogetherInOrderAndBehindNoWatermark() throws Exception {
        try (Laminar db = Laminar.open(new Config().cores(1))) {
            db.execute("CREATE SOURCE ev (seq BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)");
            db.execute("CREATE STREAM out AS SELECT seq, ts FROM ev");
            List<Long> seen = new ArrayList<>();
            List<String> violations = new ArrayList<>();
            int[] callbacks = {0};
            Subscription[] sub = new Subscription[1];
            sub[0] = db.subscribe("out", b -> {
                long watermark = sub[0] == null ? Long.MIN_VALUE : sub[0].watermark(); // as delivered so far
                callbacks[0]++;
                for (int r = 0; r < b.size(); r++) {
                    long seq = (Long) b.get(r, 0);
                    long ts = ((Instant) b.get(r, 1)).toEpochMilli();
                    if (ts < watermark && violations.size() < 5) {
                        violations.add("row " + seq + " at " + ts + " after watermark " + watermark);
                    }
                    seen.add(seq);
                }
                if (callbacks[0] % 50 == 0) sleep(); // a slow consumer: the writer gets ahead
            });
            try (SourceWriter w = db.writer("ev")) {
                for (int i = 0; i < ROWS; i++) {
                    w.row().setLong(0, i).setLong(1, 1_700_000_000_000L + i).commit();
                    w.flush();
                }
            }
            db.awaitIdle();
            assertEquals(List.of(), violations, "rows delivered after a watermark that had passed them");
            assertEquals(ROWS, seen.size());
            for (int i = 0; i < ROWS; i++) assertEquals(i, seen.get(i), "row order at " + i);
            assertTrue(callbacks[0] < ROWS / 2, "waiting batches were sent together: " + callbacks[0] + " callbacks");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
