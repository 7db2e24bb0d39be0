package io.laminar;
import org.junit.jupiter.api.Test;
class ScratchTest {
    @Test void plans() {
        System.setProperty("laminar.debugplan", "1");
        try (EngineHarness h = new EngineHarness(1, StreamingSemanticsTest.BIDS)) {
            for (String q : new String[] {
                "CREATE STREAM s AS SELECT auction, AVG(price) OVER w AS a, SUM(price * 2) OVER w AS s2, MIN(price) OVER w AS mn, LAG(price, 2, -1) OVER (PARTITION BY auction ORDER BY ts) AS lg, RANK() OVER (PARTITION BY auction ORDER BY ts) r FROM bids WINDOW w AS (PARTITION BY auction ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)",
                "CREATE STREAM s2 AS SELECT auction, COUNT(*) OVER (PARTITION BY auction ORDER BY ts RANGE BETWEEN INTERVAL '5' SECOND PRECEDING AND CURRENT ROW) AS c, FIRST_VALUE(bidder) OVER (PARTITION BY auction ORDER BY ts) AS f FROM bids"}) {
                try { h.db.execute(q); } catch (Exception e) { System.err.println(e.getMessage()); }
            }
        }
    }
}
