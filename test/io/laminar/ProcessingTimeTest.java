package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PROCTIME(): processing time as a TIMESTAMP, and windows over it fired by the clock rather than the watermark.
 * Results of processing-time windows are not reproducible by nature, so these tests check what must hold however
 * fast the machine is: every row is counted once, and windows close without any event-time progress.
 */
class ProcessingTimeTest {
    static final String BIDS = StreamingSemanticsTest.BIDS;

    @Test void proctimeIsTheWallClockWhenTheRowIsProcessed() {
        try (EngineHarness h = new EngineHarness(1, BIDS + """
                CREATE STREAM stamped AS SELECT auction, PROCTIME() AS pt FROM bids;
                """)) {
            List<Object> stamps = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            h.db.subscribe("stamped", b -> {
                for (int r = 0; r < b.size(); r++) stamps.add(b.row(r)[1]);
            });
            long before = System.currentTimeMillis();
            h.write("bids", true, StreamingSemanticsTest.bid(1, 1, 10, "01"), StreamingSemanticsTest.bid(1, 1, 10, "02"));
            h.db.awaitIdle();
            long after = System.currentTimeMillis();
            assertEquals(2, stamps.size());
            for (Object s : stamps) {
                long pt = ((Instant) s).toEpochMilli(); // not a timing assertion: the value lies within the test's run
                assertTrue(pt >= before && pt <= after, s + " is not between " + before + " and " + after);
            }
        }
    }

    @Test void tumblingProcessingTimeWindowsFireByTheClock() throws InterruptedException {
        try (EngineHarness h = new EngineHarness(2, BIDS + """
                CREATE STREAM per_window AS SELECT auction, window_start, COUNT(*) AS n
                  FROM TABLE(TUMBLE((SELECT auction, PROCTIME() AS pt FROM bids), DESCRIPTOR(pt), INTERVAL '0.2' SECOND))
                  GROUP BY auction, window_start, window_end;
                """).collect("per_window")) {
            assertTrue(h.db.explain("SELECT auction, window_start, COUNT(*) AS n FROM TABLE(TUMBLE((SELECT auction, "
                    + "PROCTIME() AS pt FROM bids), DESCRIPTOR(pt), INTERVAL '0.2' SECOND)) GROUP BY auction, window_start, "
                    + "window_end").contains("processing time"));
            // event time stands still (no finish, one timestamp): only the clock can close these windows
            h.write("bids", false, StreamingSemanticsTest.bid(1, 1, 10, "01"), StreamingSemanticsTest.bid(2, 1, 10, "01"),
                    StreamingSemanticsTest.bid(1, 1, 10, "01"));
            long total = 0;
            for (int i = 0; i < 200 && total < 3; i++) {
                Thread.sleep(50);
                total = h.rows("per_window").stream().mapToLong(r -> Long.parseLong(r.substring(r.lastIndexOf(' ') + 1))).sum();
            }
            assertEquals(3, total, "every row is counted once, in windows closed by the clock: " + h.rows("per_window"));
        }
    }

    static final String STAMPED_BIDS = """
            CREATE SOURCE sbids (auction BIGINT, price BIGINT, pt AS PROCTIME());
            CREATE TABLE auctions (id BIGINT, seller VARCHAR, PRIMARY KEY (id));
            INSERT INTO auctions VALUES (1, 'alice'), (2, 'bob');
            """;

    @Test void aSourceMayDeclareAProcessingTimeColumnForWindowsAndLookupJoins() throws InterruptedException {
        try (EngineHarness h = new EngineHarness(2, STAMPED_BIDS + """
                CREATE STREAM per_window AS SELECT auction, window_start, COUNT(*) AS n
                  FROM TABLE(TUMBLE(TABLE sbids, DESCRIPTOR(pt), INTERVAL '0.2' SECOND))
                  GROUP BY auction, window_start, window_end;
                CREATE STREAM enriched AS SELECT b.auction, b.price, a.seller
                  FROM sbids AS b JOIN auctions FOR SYSTEM_TIME AS OF b.pt AS a ON b.auction = a.id;
                """).collect("per_window", "enriched")) {
            assertTrue(h.db.explain("SELECT auction, COUNT(*) FROM TABLE(TUMBLE(TABLE sbids, DESCRIPTOR(pt), "
                    + "INTERVAL '0.2' SECOND)) GROUP BY auction, window_start, window_end").contains("processing time"));
            QueryResult d = h.db.execute("DESCRIBE sbids");
            assertEquals("pt", d.rows().get(2)[0]);
            assertTrue(d.rows().get(2)[3].toString().contains("PROCTIME()"), d.rows().get(2)[3].toString());
            long before = System.currentTimeMillis();
            h.write("sbids", false, new Object[] {1L, 10L}, new Object[] {2L, 20L}, new Object[] {1L, 30L},
                    new Object[] {3L, 40L});
            long total = 0;
            for (int i = 0; i < 200 && total < 4; i++) {
                Thread.sleep(50);
                total = h.rows("per_window").stream().mapToLong(r -> Long.parseLong(r.substring(r.lastIndexOf(' ') + 1))).sum();
            }
            assertEquals(4, total, "every row counted once, in windows closed by the clock: " + h.rows("per_window"));
            for (String r : h.rows("per_window")) { // window starts are processing times of this run
                long start = Instant.parse(r.split(", ")[1].replace(' ', 'T') + (r.split(", ")[1].length() > 16 ? "Z" : ":00Z"))
                        .toEpochMilli();
                assertTrue(start >= before - 200, r + " starts before the rows were written");
            }
            assertEquals(EngineHarness.sortedOf("1, 10, alice", "1, 30, alice", "2, 20, bob"), h.sorted("enriched"));
        }
    }

    @Test void onlyProctimeCanBeComputedInASourceDeclaration() {
        try (EngineHarness h = new EngineHarness(1, null)) {
            LaminarException e = org.junit.jupiter.api.Assertions.assertThrows(LaminarException.class,
                    () -> h.db.execute("CREATE SOURCE s (a BIGINT, b AS a + 1)"));
            assertTrue(e.getMessage().contains("only PROCTIME() can be computed"), e.getMessage());
        }
    }
}
