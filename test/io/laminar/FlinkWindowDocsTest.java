package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worked examples of Flink's window table-valued function documentation (TUMBLE, HOP, CUMULATE, SESSION over
 * the Bid table), reproduced as data: same input rows, same expected windows and sums. Run on 1 and 2 cores.
 */
class FlinkWindowDocsTest {
    static final String BID = """
        CREATE SOURCE Bid (bidtime TIMESTAMP(3), price DECIMAL(10, 2), item VARCHAR, supplier_id VARCHAR,
            WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND);
        """;

    static Object[][] bids() {
        return new Object[][] {
            {"2020-04-15 08:05:00", "4.00", "C", "supplier1"},
            {"2020-04-15 08:07:00", "2.00", "A", "supplier1"},
            {"2020-04-15 08:09:00", "5.00", "D", "supplier2"},
            {"2020-04-15 08:11:00", "3.00", "B", "supplier2"},
            {"2020-04-15 08:13:00", "1.00", "E", "supplier1"},
            {"2020-04-15 08:17:00", "6.00", "F", "supplier2"},
        };
    }

    @ParameterizedTest @ValueSource(ints = {1, 2})
    void tumble(int cores) {
        try (EngineHarness h = new EngineHarness(cores, BID + """
                CREATE STREAM tvf AS SELECT window_start, window_end, SUM(price) AS total_price
                  FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
                  GROUP BY window_start, window_end;
                CREATE STREAM grp AS SELECT TUMBLE_START(bidtime, INTERVAL '10' MINUTE) AS window_start,
                    TUMBLE_END(bidtime, INTERVAL '10' MINUTE) AS window_end, SUM(price) AS total_price
                  FROM Bid GROUP BY TUMBLE(bidtime, INTERVAL '10' MINUTE);
                """).collect("tvf", "grp")) {
            h.write("Bid", true, bids());
            var expected = EngineHarness.sortedOf(
                    "2020-04-15 08:00, 2020-04-15 08:10, 11.00",
                    "2020-04-15 08:10, 2020-04-15 08:20, 10.00");
            assertEquals(expected, h.sorted("tvf"));
            assertEquals(expected, h.sorted("grp"));
        }
    }

    @ParameterizedTest @ValueSource(ints = {1, 2})
    void hop(int cores) {
        try (EngineHarness h = new EngineHarness(cores, BID + """
                CREATE STREAM w AS SELECT window_start, window_end, SUM(price) AS total_price
                  FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))
                  GROUP BY window_start, window_end;
                """).collect("w")) {
            h.write("Bid", true, bids());
            assertEquals(EngineHarness.sortedOf(
                    "2020-04-15 08:00, 2020-04-15 08:10, 11.00",
                    "2020-04-15 08:05, 2020-04-15 08:15, 15.00",
                    "2020-04-15 08:10, 2020-04-15 08:20, 10.00",
                    "2020-04-15 08:15, 2020-04-15 08:25, 6.00"), h.sorted("w"));
        }
    }

    @ParameterizedTest @ValueSource(ints = {1, 2})
    void cumulate(int cores) {
        try (EngineHarness h = new EngineHarness(cores, BID + """
                CREATE STREAM w AS SELECT window_start, window_end, SUM(price) AS total_price
                  FROM TABLE(CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES))
                  GROUP BY window_start, window_end;
                """).collect("w")) {
            h.write("Bid", true, bids());
            assertEquals(EngineHarness.sortedOf(
                    "2020-04-15 08:00, 2020-04-15 08:06, 4.00",
                    "2020-04-15 08:00, 2020-04-15 08:08, 6.00",
                    "2020-04-15 08:00, 2020-04-15 08:10, 11.00",
                    "2020-04-15 08:10, 2020-04-15 08:12, 3.00",
                    "2020-04-15 08:10, 2020-04-15 08:14, 4.00",
                    "2020-04-15 08:10, 2020-04-15 08:16, 4.00",
                    "2020-04-15 08:10, 2020-04-15 08:18, 10.00",
                    "2020-04-15 08:10, 2020-04-15 08:20, 10.00"), h.sorted("w"));
        }
    }

    @ParameterizedTest @ValueSource(ints = {1, 2})
    void session(int cores) {
        try (EngineHarness h = new EngineHarness(cores, """
                CREATE SOURCE Bid (bidtime TIMESTAMP(3), price DECIMAL(10, 2), item VARCHAR,
                    WATERMARK FOR bidtime AS bidtime - INTERVAL '5' MINUTE);
                CREATE STREAM w AS SELECT window_start, window_end, item, SUM(price) AS total_price
                  FROM TABLE(SESSION(TABLE Bid, DESCRIPTOR(bidtime), DESCRIPTOR(item), INTERVAL '5' MINUTES))
                  GROUP BY item, window_start, window_end;
                """).collect("w")) {
            h.write("Bid", true,
                    new Object[] {"2020-04-15 08:07:00", "4.00", "A"},
                    new Object[] {"2020-04-15 08:06:00", "2.00", "A"},
                    new Object[] {"2020-04-15 08:09:00", "5.00", "B"},
                    new Object[] {"2020-04-15 08:08:00", "3.00", "A"},
                    new Object[] {"2020-04-15 08:17:00", "1.00", "B"});
            assertEquals(EngineHarness.sortedOf(
                    "2020-04-15 08:06, 2020-04-15 08:13, A, 9.00",
                    "2020-04-15 08:09, 2020-04-15 08:14, B, 5.00",
                    "2020-04-15 08:17, 2020-04-15 08:22, B, 1.00"), h.sorted("w"));
        }
    }
}
